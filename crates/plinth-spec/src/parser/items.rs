//! `settings`, `enum`, `query` and `volume` items.

use super::{Parser, Trivia, ITEM_KEYWORDS};
use crate::ast::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::lexer::Tok;

/// Keys of a query body.
pub(crate) const QUERY_KEYS: &[&str] = &["sql", "rate"];

enum QueryEntry {
    Sql(String, Span),
    Rate(Option<Rate>),
}

impl Parser<'_> {
    pub(crate) fn parse_settings(&mut self, tr: Trivia) -> Option<SettingsBlock> {
        let kw = self.bump();
        let open = self.expect_lbrace("settings")?;
        let trailing = self.trailing_comment();
        let body = self.block(open.span, "settings", |p, tr| p.parse_setting(tr));
        let mut comments = tr.into_comments(trailing);
        comments.inner = body.inner;
        Some(SettingsBlock {
            entries: body.members,
            comments,
            span: Span::new(kw.span.start, body.end),
        })
    }

    fn parse_setting(&mut self, tr: Trivia) -> Option<Setting> {
        let t = self.peek();
        if t.kind != Tok::Ident {
            self.unexpected(&t, "a setting name", "settings are written `key = value`, one per line");
            return None;
        }
        self.bump();
        let key = Ident {
            text: t.value.clone(),
            quoted: false,
            span: t.span,
        };
        if self.eat(Tok::Eq).is_none() {
            let t = self.peek();
            self.unexpected(&t, "`=`", &format!("write `{} = value`", key.text));
            return None;
        }
        let value = self.parse_setting_value(&key.text)?;
        let end = self.prev_end;
        let trailing = self.end_of_member("setting", true);
        Some(Setting {
            span: Span::new(key.span.start, end),
            key,
            value,
            comments: tr.into_comments(trailing),
        })
    }

    fn parse_setting_value(&mut self, key: &str) -> Option<SettingValue> {
        let t = self.peek();
        match t.kind {
            Tok::Str => {
                self.bump();
                if key == "tenant" {
                    Some(SettingValue::Ident(Ident {
                        text: t.value,
                        quoted: true,
                        span: t.span,
                    }))
                } else {
                    Some(SettingValue::Str(t.value, t.span))
                }
            }
            Tok::Int => {
                self.bump();
                Some(SettingValue::Int(self.int_value(&t)?, t.span))
            }
            Tok::Ident if t.value == "true" || t.value == "false" => {
                self.bump();
                Some(SettingValue::Bool(t.value == "true", t.span))
            }
            Tok::Ident => {
                let next = self.peek2();
                match next.kind {
                    Tok::LParen => Some(SettingValue::Type(self.parse_type()?)),
                    Tok::Int => {
                        self.bump();
                        self.bump();
                        let v = self.u32_value(&next)?;
                        Some(SettingValue::IdentVersion(
                            Ident {
                                text: t.value,
                                quoted: false,
                                span: t.span,
                            },
                            v,
                            next.span,
                        ))
                    }
                    _ => {
                        self.bump();
                        Some(SettingValue::Ident(Ident {
                            text: t.value,
                            quoted: false,
                            span: t.span,
                        }))
                    }
                }
            }
            _ => {
                self.unexpected(&t, "a value", "");
                None
            }
        }
    }

    pub(crate) fn parse_enum(&mut self, tr: Trivia) -> Option<EnumDecl> {
        let kw = self.bump();
        let Some(name) = self.parse_name("an enum name") else {
            self.skip_item();
            return None;
        };
        let attrs = self.parse_line_attrs();
        let owner = format!("enum {}", name.text);
        let open = self.expect_lbrace(&owner)?;
        let trailing = self.trailing_comment();
        let mut variants = Vec::new();
        let mut entries: Vec<Comments> = Vec::new();
        let inner;
        let end;
        loop {
            let mut vtr = self.trivia();
            let t = self.peek();
            match t.kind {
                Tok::RBrace => {
                    self.bump();
                    inner = vtr.flatten();
                    end = t.span.end;
                    break;
                }
                Tok::Eof => {
                    self.unterminated(open.span, &owner, None);
                    inner = vtr.flatten();
                    end = self.prev_end;
                    break;
                }
                Tok::Ident if ITEM_KEYWORDS.contains(&t.value.as_str()) && self.line_has_lbrace() => {
                    self.unterminated(open.span, &owner, Some(t.span));
                    inner = vtr.flatten();
                    end = self.prev_end;
                    break;
                }
                Tok::Ident | Tok::Str => {
                    let v = self.parse_name("an enum variant")?;
                    if variants.is_empty() {
                        vtr.blank_before = false;
                    }
                    let comma = self.eat(Tok::Comma).is_some();
                    let trailing = self.trailing_comment();
                    let next = self.peek();
                    if !comma && matches!(next.kind, Tok::Ident | Tok::Str) {
                        self.unexpected(
                            &next,
                            "`,` or a new line between variants",
                            "separate variants with commas or put one per line",
                        );
                    } else if !matches!(next.kind, Tok::Newline | Tok::Eof | Tok::RBrace | Tok::Ident | Tok::Str) {
                        self.unexpected(&next, "`,`, `}` or a new line", "");
                        self.skip_line();
                    }
                    variants.push(v);
                    entries.push(vtr.into_comments(trailing));
                }
                Tok::Comma => {
                    self.unexpected(&t, "an enum variant", "remove the extra `,`");
                    self.bump();
                }
                _ => {
                    self.unexpected(&t, "an enum variant or `}`", "");
                    self.bump();
                    self.skip_line();
                }
            }
        }
        if entries.iter().all(|c| *c == Comments::default()) {
            entries.clear();
        }
        let mut comments = tr.into_comments(trailing);
        comments.inner = inner;
        comments.entries = entries;
        Some(EnumDecl {
            name,
            variants,
            attrs,
            comments,
            span: Span::new(kw.span.start, end),
        })
    }

    pub(crate) fn parse_query(&mut self, tr: Trivia) -> Option<QueryDecl> {
        let kw = self.bump();
        let Some(name) = self.parse_name("a query name") else {
            self.skip_item();
            return None;
        };
        let description = match self.peek().kind {
            Tok::Str => Some(self.bump().value),
            _ => None,
        };
        let owner = format!("query {}", name.text);
        let open = self.expect_lbrace(&owner)?;
        let trailing = self.trailing_comment();
        let body = self.block(open.span, &owner, |p, tr| p.parse_query_entry(tr));
        let mut sql: Option<(String, Span, Ident)> = None;
        let mut rate: Option<(Option<Rate>, Ident)> = None;
        let mut entries = vec![Comments::default(), Comments::default()];
        for (key, entry, c) in body.members {
            let first = match (&entry, &sql, &rate) {
                (QueryEntry::Sql(..), Some((_, _, k)), _) => Some(k.span),
                (QueryEntry::Rate(_), _, Some((_, k))) => Some(k.span),
                _ => None,
            };
            if let Some(first) = first {
                self.push(
                    Diagnostic::error(
                        "spec::duplicate-query-key",
                        format!("`{}` is given twice in `{owner}`", key.text),
                        key.span,
                        "second value",
                    )
                    .with_related(first, "first given here")
                    .with_help(format!("keep one `{}` line", key.text)),
                );
                continue;
            }
            match entry {
                QueryEntry::Sql(s, span) => {
                    sql = Some((s, span, key));
                    entries[0] = c;
                }
                QueryEntry::Rate(r) => {
                    rate = Some((r, key));
                    entries[1] = c;
                }
            }
        }
        if entries.iter().all(|c| *c == Comments::default()) {
            entries.clear();
        }
        let mut comments = tr.into_comments(trailing);
        comments.inner = body.inner;
        comments.entries = entries;
        let (sql, sql_span) = match sql {
            Some((s, span, _)) => (s, span),
            // An empty span marks a missing `sql`; validation reports it.
            None => (String::new(), Span::new(name.span.end, name.span.end)),
        };
        Some(QueryDecl {
            name,
            description,
            sql,
            sql_span,
            rate: rate.and_then(|(r, _)| r),
            comments,
            span: Span::new(kw.span.start, body.end),
        })
    }

    fn parse_query_entry(&mut self, tr: Trivia) -> Option<(Ident, QueryEntry, Comments)> {
        let t = self.peek();
        if t.kind != Tok::Ident {
            self.unexpected(
                &t,
                "`sql` or `rate`",
                "a query body holds `sql = \"...\"` and an optional `rate = 100/s`",
            );
            return None;
        }
        self.bump();
        let key = Ident {
            text: t.value.clone(),
            quoted: false,
            span: t.span,
        };
        if !QUERY_KEYS.contains(&key.text.as_str()) {
            let help = did_you_mean(&key.text, QUERY_KEYS.iter().copied()).unwrap_or_else(|| {
                "a query has `sql = \"...\"` and an optional `rate = 100/s`; put a description in quotes after the query name".into()
            });
            self.push(
                Diagnostic::error(
                    "spec::unknown-query-key",
                    format!("unknown query key `{}`", key.text),
                    key.span,
                    "not `sql` or `rate`",
                )
                .with_help(help),
            );
            return None;
        }
        if self.eat(Tok::Eq).is_none() {
            let t = self.peek();
            self.unexpected(&t, "`=`", &format!("write `{} = ...`", key.text));
            return None;
        }
        let entry = if key.text == "sql" {
            let t = self.peek();
            if t.kind != Tok::Str {
                self.unexpected(
                    &t,
                    "a string with the SQL",
                    "write `sql = \"SELECT ...\"`, or `sql = \"\"\"` for several lines",
                );
                return None;
            }
            self.bump();
            QueryEntry::Sql(t.value, t.span)
        } else {
            QueryEntry::Rate(self.parse_rate()?)
        };
        let trailing = self.end_of_member("key", true);
        Some((key, entry, tr.into_comments(trailing)))
    }

    /// `200/s`, `0.5/min`. `Some(None)`: parsed but the unit is unknown
    /// (already reported), so the line is still consumed.
    fn parse_rate(&mut self) -> Option<Option<Rate>> {
        let t = self.peek();
        let count = match t.kind {
            Tok::Int | Tok::Number => match t.value.replace('_', "").parse::<f64>() {
                Ok(v) => v,
                Err(_) => {
                    self.push(
                        Diagnostic::error(
                            "spec::invalid-number",
                            format!("`{}` is not a valid rate", t.value),
                            t.span,
                            "invalid number",
                        )
                        .with_help("write a rate as `count/unit`, e.g. `200/s`"),
                    );
                    return None;
                }
            },
            _ => {
                self.unexpected(
                    &t,
                    "a rate such as `200/s`",
                    "write `rate = count/unit` with unit s, min, h or day",
                );
                return None;
            }
        };
        self.bump();
        if self.eat(Tok::Slash).is_none() {
            let t = self.peek();
            self.unexpected(
                &t,
                "`/` and a unit",
                "write `rate = count/unit` with unit s, min, h or day, e.g. `200/s`",
            );
            return None;
        }
        let u = self.peek();
        if u.kind != Tok::Ident {
            self.unexpected(&u, "a rate unit (s, min, h or day)", "");
            return None;
        }
        self.bump();
        let per = match u.value.as_str() {
            "s" => RateUnit::Second,
            "min" => RateUnit::Minute,
            "h" => RateUnit::Hour,
            "day" => RateUnit::Day,
            other => {
                let hint = match other {
                    "sec" | "second" | "seconds" | "secs" => Some("s"),
                    "m" | "minute" | "minutes" | "mins" => Some("min"),
                    "hr" | "hour" | "hours" | "hrs" => Some("h"),
                    "d" | "days" => Some("day"),
                    _ => None,
                };
                let help = match hint {
                    Some(h) => format!("did you mean `{h}`? units are s, min, h and day"),
                    None => did_you_mean(other, ["s", "min", "h", "day"])
                        .map(|d| format!("{d} units are s, min, h and day"))
                        .unwrap_or_else(|| "units are s, min, h and day".into()),
                };
                self.push(
                    Diagnostic::error(
                        "spec::unknown-rate-unit",
                        format!("unknown rate unit `{other}`"),
                        u.span,
                        "not a rate unit",
                    )
                    .with_help(help),
                );
                return Some(None);
            }
        };
        if !(count.is_finite() && count > 0.0) {
            self.push(
                Diagnostic::error(
                    "spec::bad-rate",
                    format!("a rate of {} per {} is not positive", t.value, u.value),
                    Span::new(t.span.start, u.span.end),
                    "rate must be positive",
                )
                .with_help("write how often the query runs, e.g. `rate = 200/s`, or leave `rate` out"),
            );
            return Some(None);
        }
        Some(Some(Rate { count, per }))
    }

    pub(crate) fn parse_volume(&mut self, tr: Trivia) -> Option<VolumeDecl> {
        let kw = self.bump();
        let Some(entity) = self.parse_name("an entity name") else {
            self.skip_line();
            return None;
        };
        if self.eat(Tok::Eq).is_none() {
            let t = self.peek();
            self.unexpected(&t, "`=`", &format!("write `volume {} = 10M`", entity.text));
            self.skip_line();
            return None;
        }
        let t = self.peek();
        if t.kind != Tok::Int {
            self.unexpected(
                &t,
                "a row count such as `10M`",
                "write a whole number, optionally with K, M or B: `50_000`, `10M`",
            );
            self.skip_line();
            return None;
        }
        self.bump();
        let Some(rows) = parse_count(&t.value) else {
            self.push(
                Diagnostic::error(
                    "spec::invalid-number",
                    format!("`{}` is not a row count", t.value),
                    t.span,
                    "invalid row count",
                )
                .with_help(
                    "write a whole number with optional `_` separators and a K, M or B suffix: `250_000`, `10M`",
                ),
            );
            self.skip_line();
            return None;
        };
        let end = self.prev_end;
        let trailing = self.end_of_member("volume", false);
        Some(VolumeDecl {
            entity,
            rows,
            comments: tr.into_comments(trailing),
            span: Span::new(kw.span.start, end),
        })
    }
}

/// `10M` → 10_000_000. Suffixes K, M, B (thousand, million, billion) in
/// either case; `_` separators anywhere after the first digit.
pub fn parse_count(text: &str) -> Option<u64> {
    let clean = text.replace('_', "");
    let (digits, mult) = match clean.chars().last()? {
        'k' | 'K' => (&clean[..clean.len() - 1], 1_000u64),
        'm' | 'M' => (&clean[..clean.len() - 1], 1_000_000),
        'b' | 'B' => (&clean[..clean.len() - 1], 1_000_000_000),
        _ => (clean.as_str(), 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()?.checked_mul(mult)
}
