//! Runs one program at a time through the Session API on a worker thread:
//! takes program text, hands on an [`Outcome`] — the status and captured
//! output, a caught panic with its message and place, or a time-out. Each
//! case runs in a temp folder holding the data files the generator loads and
//! the example data, where plots are written. A worker stuck past the time
//! guard is interrupted (the Ctrl-C flag), given a grace period, then
//! abandoned for a fresh one; too many abandoned workers and the runner says
//! it is exhausted.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use gd::session::INTERRUPTED;
use gd::{Captured, Status};

use super::generate::DATA_FILES;

/// A case running longer than this is a finding: 2 s in a release build. An
/// unoptimized gd is about ten times slower (a `check` over 300 rows of data
/// takes 0.19 s in release, 1.8 s of CPU in debug), and the machine may be
/// shared, so a debug build allows 6 s of wall time.
pub const TIME_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 6 } else { 2 });
/// How long an interrupted worker gets to come back before it is abandoned.
const GRACE: Duration = Duration::from_secs(2);
/// Abandoned workers allowed before the runner stops.
const MAX_LEAKED: usize = 6;

pub enum Outcome {
    Done { status: Status, out: Captured },
    Panicked(String),
    TimedOut,
}

struct Worker {
    jobs: Sender<String>,
    results: Receiver<Outcome>,
}

pub struct Runner {
    dir: tempfile::TempDir,
    worker: Option<Worker>,
    pub leaked: usize,
    pub slowest: Duration,
}

thread_local! {
    /// Set on fuzz workers: their panics are recorded here instead of printed.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    static IS_WORKER: RefCell<bool> = const { RefCell::new(false) };
}

/// Installs (once) a panic hook that records a worker's panic message and
/// place, and leaves every other thread's panics to the default hook.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IS_WORKER.with(|w| *w.borrow()) {
                return default(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            PANIC.with(|p| *p.borrow_mut() = Some(format!("{message} at {place}")));
        }));
    });
}

impl Worker {
    fn spawn(dir: PathBuf) -> Worker {
        let (jobs, job_queue) = mpsc::channel::<String>();
        let (result_sender, results) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("gd-fuzz".into()).stack_size(64 << 20).spawn(move || {
            IS_WORKER.with(|w| *w.borrow_mut() = true);
            for text in job_queue {
                let outcome = run_caught(&text, &dir);
                if result_sender.send(outcome).is_err() {
                    break;
                }
            }
        });
        if let Err(error) = spawned {
            panic!("cannot start a fuzz worker: {error}");
        }
        Worker { jobs, results }
    }
}

fn run_caught(text: &str, dir: &Path) -> Outcome {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::common::run_script(text, dir, 0))) {
        Ok((status, out)) => Outcome::Done { status, out },
        Err(_) => Outcome::Panicked(PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default()),
    }
}

/// True when every file name in `program` stays inside the case's folder: no
/// absolute path and no `..`, so a mutated `plot = "…"` never writes elsewhere.
pub fn confined(program: &str) -> bool {
    !["\"/", "\"\\", "\"~", "..", ":\\"].iter().any(|p| program.contains(p))
}

impl Runner {
    /// A runner with its own temp folder of data files (and `plots/`, `data/` as the examples expect).
    pub fn new() -> Runner {
        install_hook();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp folder: {e}"));
        let write = |path: &Path, text: &[u8]| std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in DATA_FILES {
            write(&dir.path().join(name), text.as_bytes());
        }
        for folder in ["plots", "data"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap_or_else(|e| panic!("{e}"));
        }
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for source in [examples.join("data"), examples.join("errors/data")] {
            for entry in std::fs::read_dir(source).into_iter().flatten().flatten() {
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                write(&dir.path().join("data").join(entry.file_name()), &bytes);
            }
        }
        Runner { dir, worker: None, leaked: 0, slowest: Duration::ZERO }
    }

    /// Too many workers were abandoned: stop fuzzing.
    pub fn exhausted(&self) -> bool {
        self.leaked >= MAX_LEAKED
    }

    pub fn run(&mut self, text: &str) -> Outcome {
        let dir = self.dir.path().to_path_buf();
        let worker = self.worker.get_or_insert_with(|| Worker::spawn(dir));
        let started = Instant::now();
        if worker.jobs.send(text.to_string()).is_err() {
            self.worker = None;
            return Outcome::Panicked("the fuzz worker died".into());
        }
        match worker.results.recv_timeout(TIME_LIMIT) {
            Ok(outcome) => {
                self.slowest = self.slowest.max(started.elapsed());
                outcome
            }
            Err(_) => {
                self.time_out();
                Outcome::TimedOut
            }
        }
    }

    /// Interrupts the worker; keeps it if it comes back within the grace period, else abandons it.
    fn time_out(&mut self) {
        INTERRUPTED.store(true, Ordering::Relaxed);
        let back = self.worker.as_ref().is_some_and(|w| w.results.recv_timeout(GRACE).is_ok());
        INTERRUPTED.store(false, Ordering::Relaxed);
        if !back {
            self.worker = None;
            self.leaked += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Outcome, Runner, confined};

    #[test]
    fn a_program_runs_in_the_folder_with_the_data_files() {
        let mut runner = Runner::new();
        let Outcome::Done { out, .. } = runner.run("t = load(\"d.csv\"); len(t.x)\nu = load(\"data/linear.csv\")")
        else {
            panic!("the program did not finish")
        };
        assert_eq!((out.out.as_str(), out.err.as_str()), ("6\n", ""));
        assert_eq!(runner.leaked, 0);
    }

    #[test]
    fn file_names_outside_the_folder_are_not_confined() {
        assert!(confined("minimize J with plot = \"plots/p.svg\""));
        for program in ["plot = \"/tmp/p.svg\"", "load(\"../x.csv\")", "plot = \"~/p.svg\"", "load(\"C:\\\\x.csv\")"] {
            assert!(!confined(program), "{program}");
        }
    }
}
