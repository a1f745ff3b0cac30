//! The PostgreSQL grammar (libpg_query, bundled by the `pg_query` crate)
//! for a whole script: one parse, then each statement's tree decoded on
//! its own, in parallel for long scripts. The importer and the migration
//! front end both read statements through [`parse_statements`].
//!
//! Why not `pg_query::parse`: the C parser and its protobuf output take a
//! fifth of the time; decoding the whole protobuf tree at once takes the
//! rest, and pg_query then walks every node again for summaries we never
//! use. Here the top level is decoded lazily (each statement stays bytes),
//! and statement trees are decoded independently, so a 20,000-statement
//! migration spreads over the cores. Same C entry point, same protobuf,
//! same error text as `pg_query::Error::Parse`.

use crate::import::split::{self, Split};
use pg_query::protobuf::Node;
use pg_query::NodeEnum;
use prost::Message;
use std::ffi::{c_char, c_int, CStr, CString};
use std::ops::Range;

/// A statement's span in the script and its parse tree, or the parser's
/// message when it does not parse.
pub(crate) type Parsed = (Range<usize>, Result<NodeEnum, String>);

/// Parses every statement of a split script, in order.
///
/// Fast path: the whole script parses at once (this also handles `BEGIN
/// ATOMIC` bodies, which contain top-level semicolons). When any statement
/// is invalid, each statement is parsed alone so that one error does not
/// hide the others.
pub(crate) fn parse_statements(sp: &Split) -> Vec<Parsed> {
    match parse_raw(&sp.cleaned) {
        Ok(raw) => {
            let spans: Vec<Option<Range<usize>>> = raw
                .iter()
                .map(|r| {
                    let start = r.stmt_location.max(0) as usize;
                    let end = if r.stmt_len == 0 {
                        sp.cleaned.len()
                    } else {
                        start + r.stmt_len as usize
                    };
                    split::trim_span(&sp.cleaned, start..end.min(sp.cleaned.len()))
                })
                .collect();
            let nodes = par_map(&raw, |r| Node::decode(r.stmt.as_slice()).ok().and_then(|n| n.node));
            spans
                .into_iter()
                .zip(nodes)
                .filter_map(|(span, node)| Some((span?, Ok(node?))))
                .collect()
        }
        Err(_) => {
            let each = par_map(&sp.statements, |span| match parse_raw(&sp.cleaned[span.clone()]) {
                Ok(raw) => raw
                    .iter()
                    .filter_map(|r| Node::decode(r.stmt.as_slice()).ok().and_then(|n| n.node))
                    .map(|node| (span.clone(), Ok(node)))
                    .collect(),
                Err(e) => vec![(span.clone(), Err(e.to_string()))],
            });
            each.into_iter().flatten().collect()
        }
    }
}

/// `pg_query.proto`'s `ParseResult` with each statement left undecoded.
#[derive(Clone, PartialEq, Message)]
struct LazyParseResult {
    #[prost(int32, tag = "1")]
    version: i32,
    #[prost(message, repeated, tag = "2")]
    stmts: Vec<LazyRawStmt>,
}

/// `pg_query.proto`'s `RawStmt` with its `Node` as bytes.
#[derive(Clone, PartialEq, Message)]
struct LazyRawStmt {
    #[prost(bytes = "vec", tag = "1")]
    stmt: Vec<u8>,
    #[prost(int32, tag = "2")]
    stmt_location: i32,
    #[prost(int32, tag = "3")]
    stmt_len: i32,
}

/// A syntax error with pg_query's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Invalid statement: {}", self.message)
    }
}

#[repr(C)]
#[derive(Clone, Copy)]
struct PgQueryProtobuf {
    len: usize,
    data: *mut c_char,
}

#[repr(C)]
struct PgQueryError {
    message: *mut c_char,
    funcname: *mut c_char,
    filename: *mut c_char,
    lineno: c_int,
    cursorpos: c_int,
    context: *mut c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct PgQueryProtobufParseResult {
    parse_tree: PgQueryProtobuf,
    stderr_buffer: *mut c_char,
    error: *mut PgQueryError,
}

extern "C" {
    fn pg_query_parse_protobuf_opts(input: *const c_char, parser_options: c_int) -> PgQueryProtobufParseResult;
    fn pg_query_free_protobuf_parse_result(result: PgQueryProtobufParseResult);
}

/// One C parse of `sql`; statements come back undecoded.
fn parse_raw(sql: &str) -> Result<Vec<LazyRawStmt>, SyntaxError> {
    let input = CString::new(sql).map_err(|e| SyntaxError {
        message: format!("a NUL byte at byte {}", e.nul_position()),
    })?;
    // SAFETY: the call sequence of `pg_query::parse`: the result (error or
    // tree) is read while alive and freed exactly once.
    unsafe {
        let result = pg_query_parse_protobuf_opts(input.as_ptr(), 0);
        let out = if !result.error.is_null() {
            Err(SyntaxError {
                message: CStr::from_ptr((*result.error).message).to_string_lossy().into_owned(),
            })
        } else if result.parse_tree.data.is_null() {
            Ok(Vec::new())
        } else {
            let data = std::slice::from_raw_parts(result.parse_tree.data as *const u8, result.parse_tree.len);
            LazyParseResult::decode(data).map(|r| r.stmts).map_err(|e| SyntaxError {
                message: format!("undecodable parse tree: {e}"),
            })
        };
        pg_query_free_protobuf_parse_result(result);
        out
    }
}

/// `items.iter().map(f)`, split over the available cores when there is
/// enough work to pay for the threads (libpg_query is thread-safe).
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const MIN_PER_THREAD: usize = 256;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len() / MIN_PER_THREAD)
        .clamp(1, 8);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_match_pg_query_parse() {
        let sql = "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b text DEFAULT 'x';\nSELECT 1;";
        let sp = split::split(sql);
        let ours: Vec<NodeEnum> = parse_statements(&sp).into_iter().map(|(_, n)| n.unwrap()).collect();
        let theirs: Vec<NodeEnum> = pg_query::parse(sql, pg_query::ParserOptions::DEFAULT)
            .unwrap()
            .protobuf
            .stmts
            .into_iter()
            .map(|s| s.stmt.unwrap().node.unwrap())
            .collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn errors_read_like_pg_query_and_long_scripts_keep_their_order() {
        let sp = split::split("SELECT 1;\nSELEC 2;\nSELECT 3;");
        let parsed = parse_statements(&sp);
        assert_eq!(parsed.len(), 3);
        assert_eq!(
            parsed[1].1,
            Err("Invalid statement: syntax error at or near \"SELEC\"".to_string())
        );
        let long: String = (0..3000).map(|i| format!("SELECT {i};\n")).collect();
        let parsed = parse_statements(&split::split(&long));
        assert_eq!(parsed.len(), 3000);
        for (i, (span, _)) in parsed.iter().enumerate() {
            assert_eq!(&long[span.clone()], format!("SELECT {i}"));
        }
    }
}
