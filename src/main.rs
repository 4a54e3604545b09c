//! Thin entry point: parse, run, map the result to an exit code.

// Log replay allocates many small strings on a decoding thread and frees
// them on the main one; mimalloc handles that far better than glibc malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    groupctl::run_main()
}
