//! Thin entry point: parse, run, map the result to an exit code.
fn main() -> std::process::ExitCode {
    groupctl::run_main()
}
