//! Reading a request off the shell socket. Takes the socket's next message
//! and hands on the [`JupyterMessage`], read as jupyter-zmq-client's
//! `Connection::read` reads it (the same parts, the same signature check),
//! with one difference: a `history_request` search gets the defaults the
//! message specification gives the fields a frontend may leave out (`n`:
//! all matches, `unique`: false). jupyter-protocol 2.0.3 requires them, and
//! jupyter_client's `history()` leaves them out, so without this such a
//! request could be neither read nor answered.

use jupyter_protocol::{Header, JupyterMessage, JupyterMessageContent};
use jupyter_zmq_client::{KernelShellConnection, RawMessage, RuntimeError};
use serde_json::Value;
use zeromq::SocketRecv;

/// The next request on the shell socket.
pub async fn read_request(connection: &mut KernelShellConnection) -> Result<JupyterMessage, RuntimeError> {
    let multipart = connection.socket.recv().await?;
    let raw = RawMessage::from_multipart(multipart, &connection.mac)?;
    let part = |index: usize| {
        raw.jparts
            .get(index)
            .map(|bytes| bytes.as_ref())
            .ok_or(RuntimeError::InsufficientMessageParts(raw.jparts.len()))
    };
    let header: Header = serde_json::from_slice(part(0)?)?;
    let mut content: Value = serde_json::from_slice(part(3)?)?;
    if header.msg_type == "history_request" {
        fill_search_defaults(&mut content);
    }
    let content = JupyterMessageContent::from_type_and_content(&header.msg_type, content)
        .map_err(|source| RuntimeError::ParseError { msg_type: header.msg_type.clone(), source })?;
    Ok(JupyterMessage {
        // Per the specification an empty parent header is `{}`, which is no header.
        parent_header: serde_json::from_slice(part(1)?).ok(),
        metadata: serde_json::from_slice(part(2)?)?,
        buffers: raw.jparts.iter().skip(4).cloned().collect(),
        zmq_identities: raw.zmq_identities,
        header,
        content,
        channel: None,
    })
}

/// Gives a history search its optional fields where they are missing or null.
fn fill_search_defaults(content: &mut Value) {
    let Some(fields) = content.as_object_mut() else { return };
    if fields.get("hist_access_type").and_then(Value::as_str) != Some("search") {
        return;
    }
    for (field, default) in [("n", Value::from(0)), ("unique", Value::from(false))] {
        if fields.get(field).is_none_or(Value::is_null) {
            fields.insert(field.to_string(), default);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jupyter_protocol::HistoryRequest;

    #[test]
    fn a_search_without_n_or_unique_is_read() {
        let mut content = serde_json::json!({
            "hist_access_type": "search", "pattern": "1 + ?", "raw": true, "output": false, "n": null
        });
        fill_search_defaults(&mut content);
        let read = JupyterMessageContent::from_type_and_content("history_request", content);
        let Ok(JupyterMessageContent::HistoryRequest(HistoryRequest::Search { n, unique, .. })) = read else {
            panic!("{read:?}")
        };
        assert_eq!((n, unique), (0, false));
    }
}
