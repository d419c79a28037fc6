//! The fixed parts of gd's answers: who the kernel is (`kernel_info`), and
//! how a failed cell reads as a Jupyter error. Takes the failure the
//! session reported and hands on the `error` message's content: its name
//! (the first error's code) and value (its message), for a notebook's
//! one-line summaries, and the
//! traceback as the coloured diagnostic gd prints in a terminal, which
//! Jupyter shows with its colours, as it does Python's tracebacks.

use jupyter_protocol::{ErrorOutput, KernelInfoReply, LanguageInfo, ReplyError, ReplyStatus};

use super::engine::{CellFailure, ErrorHeadline};
use crate::catalogue;
use crate::msg;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The answer to `kernel_info_request`.
pub fn kernel_info() -> KernelInfoReply {
    KernelInfoReply {
        status: ReplyStatus::Ok,
        protocol_version: "5.3".to_string(),
        implementation: "gd".to_string(),
        implementation_version: VERSION.to_string(),
        language_info: LanguageInfo {
            name: "gd".to_string(),
            version: VERSION.to_string(),
            mimetype: Some("text/x-gd".to_string()),
            file_extension: Some(".gd".to_string()),
            pygments_lexer: None,
            codemirror_mode: None,
            nbconvert_exporter: None,
        },
        banner: format!(
            "gd {VERSION} — differentiable expressions. :help for help, Shift-Tab on a name for help on it."
        ),
        help_links: Vec::new(),
        debugger: false,
        error: None,
    }
}

/// The `error` message for a failed cell: named by the first error's code
/// (`UnknownName`, as Python's are by their class), its message the value.
pub fn error_output(failure: &CellFailure) -> ErrorOutput {
    match failure {
        CellFailure::Error { headline, text } => {
            let (ename, evalue) = match headline {
                Some(ErrorHeadline { code, message }) => (format!("{code:?}"), message.clone()),
                None => ("Error".to_string(), catalogue::word(&msg!("cell.failed"))),
            };
            ErrorOutput { ename, evalue, traceback: text.lines().map(str::to_string).collect() }
        }
        CellFailure::Interrupted(text) => {
            let summary = catalogue::word(&msg!("cell.interrupted"));
            let mut traceback = vec![format!("Interrupted: {summary}")];
            traceback.extend(text.lines().map(str::to_string));
            ErrorOutput { ename: "Interrupted".to_string(), evalue: summary, traceback }
        }
    }
}

/// The same error, for the `execute_reply`.
pub fn reply_error(error: &ErrorOutput) -> ReplyError {
    ReplyError { ename: error.ename.clone(), evalue: error.evalue.clone(), traceback: error.traceback.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::DiagnosticCode;

    #[test]
    fn an_error_is_named_by_its_code_and_keeps_its_coloured_traceback() {
        let text = "\x1b[31mError:\x1b[0m log of 0 is undefined\n   ╭─[ <repl>:1:5 ]\n".to_string();
        let headline = ErrorHeadline { code: DiagnosticCode::NotComputable, message: "log of 0 is undefined".into() };
        let error = error_output(&CellFailure::Error { headline: Some(headline), text });
        assert_eq!((error.ename.as_str(), error.evalue.as_str()), ("NotComputable", "log of 0 is undefined"));
        assert_eq!(error.traceback, ["\x1b[31mError:\x1b[0m log of 0 is undefined", "   ╭─[ <repl>:1:5 ]"]);
        let error = error_output(&CellFailure::Error { headline: None, text: String::new() });
        assert_eq!((error.ename.as_str(), error.evalue.as_str()), ("Error", "the cell failed"));
        let error = error_output(&CellFailure::Interrupted("interrupted: the rest of the input was not run\n".into()));
        assert_eq!(error.ename, "Interrupted");
        assert_eq!(error.traceback.len(), 2);
    }

    #[test]
    fn the_kernel_says_it_runs_gd() {
        let info = serde_json::to_value(kernel_info()).unwrap_or_default();
        assert_eq!(info["language_info"]["name"], "gd");
        assert_eq!(info["language_info"]["file_extension"], ".gd");
        assert_eq!(info["language_info"]["mimetype"], "text/x-gd");
    }
}
