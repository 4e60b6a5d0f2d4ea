//! Answering requests about an open document: each is turned from LSP positions into byte offsets and handed
//! to completion, hover, code actions or symbols.

use lsp_server::{Request, Response};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionParams, CompletionParams, CompletionResponse, DocumentSymbolParams,
    DocumentSymbolResponse, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind,
};
use serde_json::Value;

use crate::lsp::position::{offset, range};
use crate::lsp::server::{Server, unknown};
use crate::lsp::{actions, completion, hover, symbols};

/// The response to one request (`null` for a document that is not open).
pub fn answer(server: &Server, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        Completion::METHOD => parse::<CompletionParams>(&request).map(|p| complete(server, p)),
        HoverRequest::METHOD => parse::<HoverParams>(&request).map(|p| hover_at(server, p)),
        CodeActionRequest::METHOD => {
            parse::<CodeActionParams>(&request).map(|p| code_actions(server, p))
        }
        DocumentSymbolRequest::METHOD => {
            parse::<DocumentSymbolParams>(&request).map(|p| outline(server, p))
        }
        _ => return unknown(&request),
    };
    match result {
        Some(value) => Response::new_ok(id, value),
        None => Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            format!("invalid parameters for {}", request.method),
        ),
    }
}

fn parse<P: serde::de::DeserializeOwned>(request: &Request) -> Option<P> {
    serde_json::from_value(request.params.clone()).ok()
}

fn complete(server: &Server, p: CompletionParams) -> Value {
    let doc = &p.text_document_position;
    let Some(analysis) = server.documents.get(doc.text_document.uri.as_str()) else {
        return Value::Null;
    };
    let at = offset(&analysis.file, doc.position, server.encoding);
    let items = completion::complete(analysis, at, server.encoding);
    serde_json::to_value(CompletionResponse::Array(items)).unwrap_or(Value::Null)
}

fn hover_at(server: &Server, p: HoverParams) -> Value {
    let doc = &p.text_document_position_params;
    let Some(analysis) = server.documents.get(doc.text_document.uri.as_str()) else {
        return Value::Null;
    };
    let at = offset(&analysis.file, doc.position, server.encoding);
    let Some((text, span)) = hover::hover(analysis, at) else {
        return Value::Null;
    };
    let hover = Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range(&analysis.file, &span, server.encoding)),
    };
    serde_json::to_value(hover).unwrap_or(Value::Null)
}

fn code_actions(server: &Server, p: CodeActionParams) -> Value {
    let Some(analysis) = server.documents.get(p.text_document.uri.as_str()) else {
        return Value::Null;
    };
    let start = offset(&analysis.file, p.range.start, server.encoding);
    let end = offset(&analysis.file, p.range.end, server.encoding);
    let found = actions::actions(
        analysis,
        &p.text_document.uri,
        start..end,
        &p.context.diagnostics,
        server.encoding,
    );
    serde_json::to_value(found).unwrap_or(Value::Null)
}

fn outline(server: &Server, p: DocumentSymbolParams) -> Value {
    let Some(analysis) = server.documents.get(p.text_document.uri.as_str()) else {
        return Value::Null;
    };
    let found = symbols::symbols(analysis, server.encoding);
    serde_json::to_value(DocumentSymbolResponse::Nested(found)).unwrap_or(Value::Null)
}
