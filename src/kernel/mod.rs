//! gd as a Jupyter kernel: `gd kernel install` registers it ([`install`]),
//! and Jupyter starts it as `gd kernel -f CONNECTION_FILE` ([`run`]). A
//! frontend, like the REPL: it depends on the session, and on the REPL's
//! completer, help and statement reading, nothing else of gd.
//!
//! The protocol comes from the crates made for it, from the runtimed
//! project: `jupyter-protocol` (the message types) and `jupyter-zmq-client`
//! (the signed ZeroMQ connections, kernel side included: the crate that was
//! `runtimelib` until its 5.0, which now only re-exports it). Deno's kernel
//! used these two until it moved its kernel into JavaScript; evcxr writes
//! its messages and HMAC signing by hand over the `zeromq` crate. With these
//! crates gd writes no wire format, no signing and no socket types: what
//! is here is what a gd kernel does.
//!
//! The parts: [`server`] opens the sockets and serves them on one tokio
//! thread; [`shell`] answers a frontend's requests; [`engine`] runs the
//! [`Session`](crate::session::Session), which holds `Rc`s, on a thread of
//! its own; [`cell`] reads a cell (its pieces, whether it is complete, the
//! completions at a cursor); [`bundle`] turns a result into the MIME bundle
//! a notebook shows; [`reply`] and [`history`] answer the rest; [`wire`]
//! reads a request as the crate does, filling in what a frontend may leave
//! out of a history search.

mod bundle;
mod cell;
mod engine;
mod history;
mod install;
mod reply;
mod server;
mod shell;
mod wire;

use crate::catalogue;
use crate::message::Message;
use crate::msg;
use std::path::Path;
use std::time::Duration;

pub use install::{Destination, install};

use crate::session::Settings;

/// Why the kernel could not be installed or run, said for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelError(pub Message);

/// The largest connection file gd reads, in bytes (Jupyter's are well under 1 kB).
const CONNECTION_FILE_LIMIT: u64 = 64_000;

/// Runs the kernel on the sockets the connection file names, until a
/// frontend shuts it down. Results go out as rich bundles (see `bundle`),
/// their plain-text part without colour; diagnostics keep their colour,
/// as Jupyter shows a traceback's.
pub fn run(connection_file: &Path, seed: u64) -> Result<(), KernelError> {
    let info = connection_info(connection_file)?;
    let settings =
        Settings { color_output: false, color_errors: true, seed, terminal: false, progress: false, pictures: true };
    let engine = engine::Engine::start(settings)
        .map_err(|error| KernelError(msg!("kernel-error.thread", error = error.to_string())))?;
    server::serve(&info, engine)
}

/// The connection details Jupyter wrote for this kernel.
fn connection_info(path: &Path) -> Result<jupyter_protocol::ConnectionInfo, KernelError> {
    let shown = path.display();
    let bytes = crate::files::read_bounded(path, CONNECTION_FILE_LIMIT, true).map_err(|error| {
        KernelError(msg!("kernel-error.connection-file", file = shown.to_string(), reason = error.message()))
    })?;
    serde_json::from_slice(&bytes).map_err(|error| {
        KernelError(msg!("kernel-error.not-a-connection-file", file = shown.to_string(), error = error.to_string()))
    })
}

/// After a socket error: says it, and waits a moment before the next try,
/// so that a socket that keeps failing does not spin. A frontend that
/// disconnects and comes back is served again.
async fn pause_after(error: &jupyter_zmq_client::RuntimeError, channel: &str) {
    eprintln!("{}", catalogue::word(&msg!("kernel-log.channel", channel = channel, error = error.to_string())));
    tokio::time::sleep(Duration::from_millis(20)).await;
}
