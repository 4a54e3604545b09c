//! Ctrl-C and SIGTERM. Outside a guarded section the process ends at once
//! (exit 130 / 143), after removing the temporary files `files` is writing,
//! so an interruption never leaves a `.groupctl-*.tmp` behind. Inside one
//! (`guard()`: offsets being committed, the live view) the signal is only
//! recorded: the section stops starting new work, finishes or abandons what
//! is in flight within a bound, says what was done, and exits 130 itself. A
//! second signal ends the process at once, guarded or not.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static SIGNAL: AtomicUsize = AtomicUsize::new(0);
static GUARDS: AtomicUsize = AtomicUsize::new(0);
static TEMPS: Mutex<Vec<(u64, PathBuf)>> = Mutex::new(Vec::new());
static NEXT_TEMP: AtomicUsize = AtomicUsize::new(0);
static NOTIFY: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Listen for SIGINT and SIGTERM (once, at start-up). Without it (tests
/// calling library code), signals keep their default action.
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    let again = REQUESTED.swap(true, Ordering::SeqCst);
                    SIGNAL.store(sig as usize, Ordering::SeqCst);
                    if again || GUARDS.load(Ordering::SeqCst) == 0 {
                        remove_temps();
                        std::process::exit(128 + sig);
                    }
                    NOTIFY.notify_waiters();
                }
            });
    }
}

/// The exit code an interruption ends with: 128 + the signal (130 for Ctrl-C).
pub fn exit_code() -> u8 {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => 130,
        s => (128 + s).min(255) as u8,
    }
}

/// Whether an interruption was asked for (only ever true inside a guard:
/// outside one the process has ended).
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Resolves once an interruption is asked for.
pub async fn interrupted() {
    loop {
        let notified = NOTIFY.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if requested() {
            return;
        }
        notified.await;
    }
}

/// While held, a signal is recorded for the holder to act on instead of
/// ending the process.
#[must_use]
pub struct Guard(());

pub fn guard() -> Guard {
    GUARDS.fetch_add(1, Ordering::SeqCst);
    Guard(())
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A temporary file being written: removed if the process is interrupted
/// before it is renamed into place (or dropped).
pub struct TrackedTemp(u64);

pub fn track_temp(path: &Path) -> TrackedTemp {
    let id = NEXT_TEMP.fetch_add(1, Ordering::SeqCst) as u64;
    if let Ok(mut t) = TEMPS.lock() {
        t.push((id, path.to_path_buf()));
    }
    TrackedTemp(id)
}

impl Drop for TrackedTemp {
    fn drop(&mut self) {
        if let Ok(mut t) = TEMPS.lock() {
            t.retain(|(id, _)| *id != self.0);
        }
    }
}

fn remove_temps() {
    remove_temps_where(|_| true);
}

fn remove_temps_where(which: impl Fn(u64) -> bool) {
    if let Ok(t) = TEMPS.lock() {
        for (id, p) in t.iter() {
            if which(*id) {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_being_written_are_removed_on_interruption() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.tmp"), dir.path().join("b.tmp"));
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "x").unwrap();
        let tracked = track_temp(&a);
        let done_id = {
            let done = track_temp(&b);
            done.0
        };
        // Only this test's files (other tests write files meanwhile).
        remove_temps_where(|id| id == tracked.0 || id == done_id);
        assert!(!a.exists(), "tracked: removed");
        assert!(b.exists(), "no longer tracked (renamed into place): kept");
        drop(tracked);
    }

    #[test]
    fn a_guard_is_counted_while_held() {
        let before = GUARDS.load(Ordering::SeqCst);
        let g = guard();
        assert!(GUARDS.load(Ordering::SeqCst) > before);
        drop(g);
    }
}
