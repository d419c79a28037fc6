//! The kernel's sockets, as a connection file names them, and the tasks
//! that serve them on one tokio thread: heartbeat (echo), IOPub (publish
//! what the other tasks hand it, in order), shell ([`Shell`]) and control
//! (`kernel_info`, `interrupt_request`, `shutdown_request`). The stdin
//! socket is bound, as frontends connect to it, but gd never asks for
//! input. Takes the connection details and the [`Engine`]; returns when a
//! frontend asks the kernel to shut down.

use crate::catalogue;
use crate::msg;
use std::sync::atomic::Ordering;
use std::time::Duration;

use jupyter_protocol::{ConnectionInfo, InterruptReply, JupyterMessage, JupyterMessageContent, ShutdownReply};
use jupyter_zmq_client::{
    KernelControlConnection, KernelHeartbeatConnection, KernelIoPubConnection, create_kernel_control_connection,
    create_kernel_heartbeat_connection, create_kernel_iopub_connection, create_kernel_shell_connection,
    create_kernel_stdin_connection,
};
use tokio::sync::mpsc;

use super::engine::Engine;
use super::history::CellHistory;
use super::shell::Shell;
use super::{KernelError, pause_after, reply};
use crate::session::INTERRUPTED;

/// How long the shutdown reply is given to leave before the process ends.
const FAREWELL: Duration = Duration::from_millis(100);

/// Serves the connection until a shutdown request.
pub fn serve(info: &ConnectionInfo, engine: Engine) -> Result<(), KernelError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| KernelError(msg!("kernel-error.event-loop", error = error.to_string())))?;
    runtime.block_on(serve_sockets(info, engine))
}

async fn serve_sockets(info: &ConnectionInfo, engine: Engine) -> Result<(), KernelError> {
    let session = uuid::Uuid::new_v4().to_string();
    let cannot_bind = |error: jupyter_zmq_client::RuntimeError| {
        KernelError(msg!("kernel-error.sockets", ip = info.ip, error = error.to_string()))
    };
    let heartbeat = create_kernel_heartbeat_connection(info).await.map_err(cannot_bind)?;
    let iopub = create_kernel_iopub_connection(info, &session).await.map_err(cannot_bind)?;
    let shell = create_kernel_shell_connection(info, &session).await.map_err(cannot_bind)?;
    let control = create_kernel_control_connection(info, &session).await.map_err(cannot_bind)?;
    let _stdin = create_kernel_stdin_connection(info, &session).await.map_err(cannot_bind)?;
    let (publish, published) = mpsc::unbounded_channel();
    tokio::spawn(beat(heartbeat));
    tokio::spawn(publish_all(iopub, published));
    let shell = Shell { connection: shell, iopub: publish, engine, count: 0, history: CellHistory::default() };
    tokio::select! {
        () = shell.serve() => {}
        () = control_channel(control) => {}
    }
    Ok(())
}

/// Answers every heartbeat, so that frontends know the kernel is alive.
async fn beat(mut heartbeat: KernelHeartbeatConnection) {
    loop {
        if let Err(error) = heartbeat.single_heartbeat().await {
            pause_after(&error, "heartbeat").await;
        }
    }
}

/// Publishes on IOPub, in the order the shell task hands messages over.
async fn publish_all(mut iopub: KernelIoPubConnection, mut published: mpsc::UnboundedReceiver<JupyterMessage>) {
    while let Some(message) = published.recv().await {
        if let Err(error) = iopub.send(message).await {
            eprintln!("{}", catalogue::word(&msg!("kernel-log.iopub", error = error.to_string())));
        }
    }
}

/// Serves the control channel until a shutdown request, answered.
async fn control_channel(mut control: KernelControlConnection) {
    loop {
        let request = match control.read().await {
            Ok(request) => request,
            Err(error) => {
                pause_after(&error, "control").await;
                continue;
            }
        };
        let (reply, last): (JupyterMessageContent, bool) = match &request.content {
            JupyterMessageContent::KernelInfoRequest(_) => (reply::kernel_info().into(), false),
            JupyterMessageContent::InterruptRequest(_) => {
                INTERRUPTED.store(true, Ordering::Relaxed);
                (InterruptReply::new().into(), false)
            }
            JupyterMessageContent::ShutdownRequest(shutdown) => {
                INTERRUPTED.store(true, Ordering::Relaxed);
                (ShutdownReply { restart: shutdown.restart, ..ShutdownReply::default() }.into(), true)
            }
            _ => continue,
        };
        if let Err(error) = control.send(JupyterMessage::new(reply, Some(&request))).await {
            eprintln!("{}", catalogue::word(&msg!("kernel-log.control", error = error.to_string())));
        }
        if last {
            tokio::time::sleep(FAREWELL).await;
            return;
        }
    }
}
