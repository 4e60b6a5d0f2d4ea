//! The server loop over an [`lsp_server::Connection`]: the handshake (position encoding, language, docs
//! address), then each notification (open, change, close, configuration) and request (completion, hover,
//! code actions, document symbols) handed to its module. Documents are fully re-sent on change.

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};
use serde_json::Value;

use crate::diag::Lang;
use crate::lsp::diagnostics::{self, Settings};
use crate::lsp::documents::Documents;
use crate::lsp::position::Encoding;
use crate::lsp::requests;

/// The server's state: the open documents and how to speak to this client.
pub struct Server {
    /// The open documents.
    pub documents: Documents,
    /// How positions count.
    pub encoding: Encoding,
    /// The messages' language and the docs' address.
    pub settings: Settings,
}

/// Answers `initialize`, then serves until the client says `exit`.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize request ({e})"))?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let mut server = Server {
        documents: Documents::default(),
        encoding: Encoding::negotiate(offered),
        settings: Settings::default(),
    };
    if let Some(options) = &params.initialization_options {
        configure(&mut server.settings, options);
    }
    let result = serde_json::json!({
        "capabilities": capabilities(server.encoding),
        "serverInfo": ServerInfo { name: "bienban".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                let response = requests::answer(&server, request);
                send(connection, Message::Response(response));
            }
            Message::Notification(note) => notify(connection, &mut server, note),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// Reads `lang` and `docsUrl` from the initialization options or the `bienban` settings, either at the top
/// or under a `bienban` key.
pub fn configure(settings: &mut Settings, options: &Value) {
    let options = options.get("bienban").unwrap_or(options);
    match options.get("lang").and_then(Value::as_str) {
        Some("en") => settings.lang = Lang::En,
        Some("vi") => settings.lang = Lang::Vi,
        _ => {}
    }
    if let Some(docs) = options.get("docsUrl").and_then(Value::as_str) {
        settings.docs = docs.to_string();
    }
}

fn notify(connection: &Connection, server: &mut Server, note: Notification) {
    match note.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(p) =
                note.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
            {
                server
                    .documents
                    .set(p.text_document.uri.as_str(), p.text_document.text);
                publish(connection, server, &p.text_document.uri);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(p) = note
                .extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                && let Some(change) = p.content_changes.into_iter().last()
            {
                server
                    .documents
                    .set(p.text_document.uri.as_str(), change.text);
                publish(connection, server, &p.text_document.uri);
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(p) =
                note.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
            {
                server.documents.close(p.text_document.uri.as_str());
                let params = PublishDiagnosticsParams::new(p.text_document.uri, vec![], None);
                send(
                    connection,
                    Message::Notification(Notification::new(
                        PublishDiagnostics::METHOD.into(),
                        params,
                    )),
                );
            }
        }
        DidChangeConfiguration::METHOD => {
            if let Ok(p) = note
                .extract::<lsp_types::DidChangeConfigurationParams>(DidChangeConfiguration::METHOD)
            {
                configure(&mut server.settings, &p.settings);
                for uri in server.documents.uris() {
                    if let Ok(uri) = uri.parse::<Uri>() {
                        publish(connection, server, &uri);
                    }
                }
            }
        }
        DidSaveTextDocument::METHOD => {}
        _ => {}
    }
}

/// Sends the diagnostics of an open document.
fn publish(connection: &Connection, server: &Server, uri: &Uri) {
    let Some(analysis) = server.documents.get(uri.as_str()) else {
        return;
    };
    let diags = diagnostics::to_lsp(analysis, &server.settings, server.encoding);
    let params = PublishDiagnosticsParams::new(uri.clone(), diags, None);
    send(
        connection,
        Message::Notification(Notification::new(PublishDiagnostics::METHOD.into(), params)),
    );
}

fn send(connection: &Connection, message: Message) {
    // The client is gone when this fails; the loop then ends with the receiver.
    let _ = connection.sender.send(message);
}

/// A response for a request the server does not know.
pub fn unknown(request: &Request) -> Response {
    Response::new_err(
        request.id.clone(),
        lsp_server::ErrorCode::MethodNotFound as i32,
        format!("unknown request {}", request.method),
    )
}
