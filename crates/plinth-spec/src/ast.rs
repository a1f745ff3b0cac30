//! The syntax tree of a `.plinth` spec.
//!
//! This is the contract between the parser (this crate) and the design passes
//! (`plinth-design`). A [`SpecFile`] that came out of [`crate::check`] without
//! errors is *validated*: every name it mentions resolves, every attribute is
//! known and has arguments of the right shape, every default fits its type.
//! The design passes rely on that and do not re-check.

/// Byte range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// A name as written. `quoted` names (`"Order Line"`) are used verbatim as
/// SQL identifiers; bare names go through the naming convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub text: String,
    pub quoted: bool,
    pub span: Span,
}

/// Comments attached to a node: the `//` lines directly above it, and a
/// trailing `//` comment on the same line. Kept so `plinth fmt` never drops
/// a comment. The text excludes the `//` marker and one following space.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comments {
    pub leading: Vec<String>,
    pub trailing: Option<String>,
    /// The source had at least one blank line before this member (and its
    /// comments). Only meaningful for members of a block (fields, settings
    /// entries, enum variants): the formatter keeps one blank line there.
    /// Always `false` for the first member of a block and for top-level items.
    pub blank_line_before: bool,
    /// Comment groups above `leading` that were separated from the node by a
    /// blank line (e.g. a file header above the first item). Each group is
    /// printed followed by one blank line.
    pub detached: Vec<Vec<String>>,
    /// Comments inside a block after its last member, before the closing `}`.
    pub inner: Vec<String>,
    /// Per-entry comments of blocks whose entries are not AST nodes with
    /// their own `Comments`: enum variants (parallel to `EnumDecl::variants`),
    /// query keys (`[sql, rate]`) and entity members (parallel to
    /// `Entity::members`; only `@@` block attributes use theirs, fields keep
    /// comments in `Field::comments`). Empty when none of them has a comment.
    pub entries: Vec<Comments>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpecFile {
    pub items: Vec<Item>,
    /// Comments after the last item.
    pub trailing_comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Settings(SettingsBlock),
    Entity(Entity),
    Enum(EnumDecl),
    Query(QueryDecl),
    Volume(VolumeDecl),
}

/// `settings { key = value ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsBlock {
    pub entries: Vec<Setting>,
    pub comments: Comments,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub key: Ident,
    pub value: SettingValue,
    pub comments: Comments,
    pub span: Span,
}

/// A setting value as written; [`crate::Settings`] is the typed view.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingValue {
    /// `uuidv7`, `Workspace`, `snake_plural`, `none`
    Ident(Ident),
    /// `postgres 15`
    IdentVersion(Ident, u32, Span),
    Bool(bool, Span),
    Int(i64, Span),
    Str(String, Span),
    /// `decimal(19, 4)`
    Type(TypeExpr),
}

/// `enum Status { todo, in_progress, done }`
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDecl {
    pub name: Ident,
    pub variants: Vec<Ident>,
    pub attrs: Vec<Attribute>,
    pub comments: Comments,
    pub span: Span,
}

/// `entity Task @versioned { ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub name: Ident,
    /// Entity traits: `@global`, `@versioned`, `@append_only`,
    /// `@soft_delete(false)`, `@audit(false)`, `@timestamps(false)`,
    /// `@map("table")`, `@comment("...")`, `@group("area")`.
    pub attrs: Vec<Attribute>,
    pub members: Vec<Member>,
    pub comments: Comments,
    pub span: Span,
}

/// Fields dominate entity bodies, so boxing them would cost more than it saves.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    Field(Field),
    /// `@@unique(a, b)`, `@@index(a, b)`, `@@check(expr)`
    Block(Attribute),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Ident,
    pub kind: FieldKind,
    /// `@unique`, `@index`, `@check(expr)`, `@comment("...")`,
    /// `@default(expr)`, `@renamed_from("old")`, `@on_delete(action)`,
    /// `@map("column")`.
    pub attrs: Vec<Attribute>,
    pub comments: Comments,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// `title text`, `due date?`, `plan enum(free, pro) = free`
    Scalar {
        ty: TypeExpr,
        nullable: bool,
        default: Option<DefaultValue>,
    },
    /// `project -> Project`, `parent -> Task?`
    Relation { target: Ident, nullable: bool },
    /// `assignees <-> User`
    ManyToMany { target: Ident },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Span,
}

/// Logical types. Their physical type per dialect is a design decision.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Text,
    /// `string(n)`: text of at most n characters.
    String(u32),
    Email,
    Slug,
    Url,
    SmallInt,
    Int,
    BigInt,
    /// `decimal(p, s)`
    Decimal(u32, u32),
    Money,
    Percent,
    Float,
    Bool,
    Date,
    Time,
    Timestamp,
    Duration,
    Uuid,
    Json,
    Bytes,
    /// `enum(a, b, c)`
    InlineEnum(Vec<Ident>),
    /// A named `enum` declared elsewhere in the spec.
    Named(Ident),
}

/// `= value` after a scalar type.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    pub kind: DefaultKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DefaultKind {
    Str(String),
    Int(i64),
    /// Decimal literal kept as written (`1.50`), so no float rounding.
    Number(String),
    Bool(bool),
    /// An enum variant.
    Ident(String),
    /// `now()`, `today()`: a function call, kept as written.
    Call(String),
}

/// `@name`, `@name(args)`, `@@name(args)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Without the `@` / `@@`.
    pub name: Ident,
    pub args: Vec<AttrArg>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AttrArg {
    Ident(Ident),
    Str(String, Span),
    Int(i64, Span),
    Bool(bool, Span),
    /// Raw SQL text between the parentheses of `@check(...)` / `@default(...)`
    /// when it is not a single string literal. Trimmed, kept as written.
    Raw(String, Span),
}

/// `query board "tasks of a project by status" { sql = "..." rate = 200/s }`
#[derive(Debug, Clone, PartialEq)]
pub struct QueryDecl {
    pub name: Ident,
    pub description: Option<String>,
    pub sql: String,
    pub sql_span: Span,
    pub rate: Option<Rate>,
    pub comments: Comments,
    pub span: Span,
}

/// `200/s`, `5/min`, `1000/h`, `10/day`
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub count: f64,
    pub per: RateUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    Second,
    Minute,
    Hour,
    Day,
}

impl Rate {
    pub fn per_second(&self) -> f64 {
        match self.per {
            RateUnit::Second => self.count,
            RateUnit::Minute => self.count / 60.0,
            RateUnit::Hour => self.count / 3600.0,
            RateUnit::Day => self.count / 86400.0,
        }
    }
}

/// `volume Task = 10M`
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeDecl {
    pub entity: Ident,
    pub rows: u64,
    pub comments: Comments,
    pub span: Span,
}
