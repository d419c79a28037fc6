//! The shell channel: a frontend's requests, one at a time. Takes each
//! request, tells every frontend on IOPub that the kernel is busy, answers
//! it (running a cell through the [`Engine`] and publishing what it prints
//! as it prints), then says idle. Cells that a frontend sent before a
//! failed one and that are still waiting are answered `aborted`, unrun, as
//! `ipykernel` does, so that "Run All" stops at the first error.

use std::collections::HashMap;
use std::task::Poll;

use jupyter_protocol::{
    CommInfoReply, CompleteReply, CompleteRequest, DisplayData, ExecuteInput, ExecuteReply, ExecuteRequest,
    ExecuteResult, ExecutionCount, InspectReply, InspectRequest, IsCompleteReply, JupyterMessage,
    JupyterMessageContent, Media, MediaType, ReplyStatus, Status, StreamContent, Transient,
};
use jupyter_zmq_client::{KernelShellConnection, RuntimeError};
use tokio::sync::{mpsc, oneshot};

use super::bundle::{bundle, plain};
use super::engine::{CellFailure, Engine, Event, Finish, Job};
use super::history::CellHistory;
use super::{cell, reply, wire};
use crate::catalogue;
use crate::msg;
use crate::repl::Readiness;

/// The shell channel's state: the cell count and the history.
pub struct Shell {
    pub connection: KernelShellConnection,
    /// Messages to publish on IOPub.
    pub iopub: mpsc::UnboundedSender<JupyterMessage>,
    pub engine: Engine,
    pub count: usize,
    pub history: CellHistory,
}

impl Shell {
    /// Answers requests until the connection fails for good.
    pub async fn serve(mut self) {
        loop {
            match wire::read_request(&mut self.connection).await {
                Ok(request) => {
                    if self.answer(&request).await {
                        self.abort_waiting().await;
                    }
                }
                Err(error) => super::pause_after(&error, "shell").await,
            }
        }
    }

    /// Answers one request between busy and idle; true when it was a cell that failed.
    async fn answer(&mut self, request: &JupyterMessage) -> bool {
        self.publish(Status::busy(), request);
        let (content, failed): (Option<JupyterMessageContent>, bool) = match &request.content {
            JupyterMessageContent::ExecuteRequest(execute) => {
                let reply = self.execute(execute, request).await;
                let failed = reply.status == ReplyStatus::Error && execute.stop_on_error;
                (Some(reply.into()), failed)
            }
            JupyterMessageContent::KernelInfoRequest(_) => (Some(reply::kernel_info().into()), false),
            JupyterMessageContent::CompleteRequest(complete) => (Some(self.complete(complete).await.into()), false),
            JupyterMessageContent::InspectRequest(inspect) => (Some(self.inspect(inspect).await.into()), false),
            JupyterMessageContent::IsCompleteRequest(is_complete) => {
                (Some(is_complete_reply(&is_complete.code).into()), false)
            }
            JupyterMessageContent::HistoryRequest(history) => (Some(self.history.reply(history).into()), false),
            JupyterMessageContent::CommInfoRequest(_) => (Some(CommInfoReply::default().into()), false),
            _ => (None, false),
        };
        if let Some(content) = content {
            self.send(JupyterMessage::new(content, Some(request))).await;
        }
        self.publish(Status::idle(), request);
        failed
    }

    /// Answers `aborted` to the cells already waiting when one fails (sent
    /// before its failure was known): those the socket holds as soon as the
    /// reply is sent. A request sent after the reply is served as usual.
    async fn abort_waiting(&mut self) {
        loop {
            let request = match waiting_request(&mut self.connection).await {
                Poll::Pending => return,
                Poll::Ready(Err(error)) => {
                    super::pause_after(&error, "shell").await;
                    continue;
                }
                Poll::Ready(Ok(request)) => request,
            };
            if matches!(request.content, JupyterMessageContent::ExecuteRequest(_)) {
                self.publish(Status::busy(), &request);
                self.send(executed(ReplyStatus::Aborted, ExecutionCount::new(self.count)).as_child_of(&request)).await;
                self.publish(Status::idle(), &request);
            } else {
                self.answer(&request).await;
            }
        }
    }

    /// Runs a cell: counts it (unless silent or not to be stored), publishes
    /// its input and outputs, and hands on the reply.
    async fn execute(&mut self, execute: &ExecuteRequest, request: &JupyterMessage) -> ExecuteReply {
        let counted = !execute.silent && execute.store_history;
        if counted {
            self.count += 1;
        }
        let count = ExecutionCount::new(self.count);
        if !execute.silent {
            self.publish(ExecuteInput { code: execute.code.clone(), execution_count: count }, request);
        }
        // Named as IPython names a cell in a traceback: `In[3]`.
        let name = if counted { format!("In[{}]", count.0) } else { "In[ ]".to_string() };
        let finish = self.run((&name, &execute.code), execute.silent, request).await;
        if counted {
            self.history.record(count.0, &execute.code, &finish.result.as_ref().map(plain).unwrap_or_default());
        }
        if let Some(result) = finish.result.as_ref().filter(|_| !execute.silent) {
            let result =
                ExecuteResult { transient: Some(Transient::default()), ..ExecuteResult::new(count, bundle(result)) };
            self.publish(result, request);
        }
        let Some(failure) = &finish.failure else {
            return executed(ReplyStatus::Ok, count);
        };
        let error = reply::error_output(failure);
        let reply_error = reply::reply_error(&error);
        if !execute.silent {
            self.publish(error, request);
        }
        ExecuteReply { error: Some(Box::new(reply_error)), ..executed(ReplyStatus::Error, count) }
    }

    /// Hands the cell to the session and publishes what it prints, until it ends.
    async fn run(&mut self, (name, code): (&str, &str), silent: bool, request: &JupyterMessage) -> Finish {
        let (events, mut printed) = mpsc::unbounded_channel();
        if self.engine.send(Job::Run { cell: code.to_string(), name: name.to_string(), events }) {
            while let Some(event) = printed.recv().await {
                match event {
                    Event::Display(text) if !silent => self.publish(DisplayData::new(bundle(&text)), request),
                    Event::Stderr(text) if !silent => self.publish(StreamContent::stderr(&text), request),
                    Event::Display(_) | Event::Stderr(_) => {}
                    Event::Finished(finish) => return finish,
                }
            }
        }
        let text = "Error: gd's session has stopped; restart the kernel\n".to_string();
        Finish { result: None, failure: Some(CellFailure::Error { headline: None, text }) }
    }

    async fn complete(&mut self, request: &CompleteRequest) -> CompleteReply {
        let (answer, answered) = oneshot::channel();
        let job = Job::Complete { cell: request.code.clone(), cursor: request.cursor_pos, answer };
        let completions = if self.engine.send(job) { answered.await.ok() } else { None };
        let completions =
            completions.unwrap_or(cell::CellCompletions { start: request.cursor_pos, matches: Vec::new() });
        CompleteReply {
            matches: completions.matches,
            cursor_start: completions.start,
            cursor_end: request.cursor_pos,
            ..CompleteReply::default()
        }
    }

    async fn inspect(&mut self, request: &InspectRequest) -> InspectReply {
        let (answer, answered) = oneshot::channel();
        let job = Job::Inspect { cell: request.code.clone(), cursor: request.cursor_pos, answer };
        let help = if self.engine.send(job) { answered.await.ok().flatten() } else { None };
        match help {
            Some(text) => {
                InspectReply { found: true, data: Media::new(vec![MediaType::Plain(text)]), ..InspectReply::default() }
            }
            None => InspectReply::default(),
        }
    }

    /// Publishes `content` on IOPub as a child of `request`.
    fn publish(&self, content: impl Into<JupyterMessageContent>, request: &JupyterMessage) {
        // Only a kernel that is shutting down has no IOPub left to publish on.
        let _ = self.iopub.send(JupyterMessage::new(content, Some(request)));
    }

    async fn send(&mut self, reply: JupyterMessage) {
        if let Err(error) = self.connection.send(reply).await {
            eprintln!("{}", catalogue::word(&msg!("kernel-log.shell", error = error.to_string())));
        }
    }
}

/// The request the socket holds now, read without waiting for one.
async fn waiting_request(connection: &mut KernelShellConnection) -> Poll<Result<JupyterMessage, RuntimeError>> {
    let mut read = std::pin::pin!(wire::read_request(connection));
    std::future::poll_fn(|context| Poll::Ready(read.as_mut().poll(context))).await
}

/// An `execute_reply`. Its `user_expressions` is an empty object, not
/// null, as the message specification asks (gd evaluates none).
fn executed(status: ReplyStatus, execution_count: ExecutionCount) -> ExecuteReply {
    ExecuteReply { status, execution_count, user_expressions: Some(HashMap::new()), ..ExecuteReply::default() }
}

/// Whether a cell is ready to run, for `jupyter console`: an unfinished
/// statement continues on a new line, indented.
fn is_complete_reply(code: &str) -> IsCompleteReply {
    match cell::readiness(code) {
        Readiness::Complete => IsCompleteReply::complete(),
        Readiness::Unfinished => IsCompleteReply::incomplete("  ".to_string()),
        Readiness::Invalid => IsCompleteReply::invalid(),
    }
}
