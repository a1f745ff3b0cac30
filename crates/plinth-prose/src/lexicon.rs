//! Word lists: the closed classes (determiners, auxiliaries, prepositions),
//! verbs by the relation they express, people, and nouns that are never
//! entities. Lists, not rules: the rules live in the family modules.

pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "each", "every", "any", "some", "its", "their", "his", "her", "our", "your", "this", "that",
    "these", "those", "all", "no", "another", "other", "own", "such", "which", "whose", "certain", "given",
];

/// Words that say "more than one": the object of `has` is a collection.
pub const MANY: &[&str] = &[
    "many", "several", "multiple", "various", "numerous", "more", "lots", "plenty", "unlimited", "list", "set",
    "collection", "number", "series", "bunch", "array", "group", "multitude", "fleet", "range", "catalog",
    "catalogue", "portfolio", "pool", "chart", "roster", "network", "chain", "selection", "variety", "billions", "millions",
    "thousands", "hundreds", "dozens", "lot",
];

/// Words that say "exactly one" / "at most one".
pub const ONE: &[&str] = &["one", "single", "exactly", "only", "a", "an", "at", "most"];

pub const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "can", "could", "may", "might", "must", "should",
    "shall", "will", "would", "do", "does", "did", "need", "needs", "to", "also", "always", "usually", "often",
    "sometimes", "typically", "generally", "optionally", "then", "only", "just", "either", "each", "both", "all",
];

pub const NEGATIONS: &[&str] = &[
    "not", "never", "cannot", "can't", "won't", "don't", "doesn't", "isn't", "aren't",
];

pub const PREPOSITIONS: &[&str] = &[
    "of", "to", "in", "on", "for", "with", "by", "per", "from", "into", "at", "under", "within", "across",
    "between", "about", "through", "via", "inside", "onto", "over", "among", "without", "after", "before", "during",
    "as", "than", "up", "out", "against", "towards", "toward", "upon", "down", "off", "away", "along",
];

pub const CONJUNCTIONS: &[&str] = &["and", "or", "plus", "&", "nor"];

pub const PRONOUNS: &[&str] = &[
    "we", "they", "it", "he", "she", "you", "i", "them", "us", "who", "whom", "which", "that", "what", "where",
    "when", "there", "here", "someone", "somebody", "anyone", "everyone", "everybody", "nobody", "something",
    "anything", "everything", "nothing", "one's", "themselves", "itself", "me", "him", "whether", "if", "so",
    "because", "while", "since", "also", "too", "very", "well", "however", "otherwise", "yet", "just", "only",
    "even", "still", "later", "now", "again", "once", "twice", "ever", "already", "first", "finally",
];

/// Verbs by relation family. Each entry is a lemma; inflections are found
/// by [`lemma`].
pub mod verbs {
    /// X has Y: the subject owns the object (Y -> X), or has it as an attribute.
    pub const HAVE: &[&str] = &[
        "have", "contain", "include", "hold", "comprise", "consist", "own", "keep", "list", "store", "track",
        "record", "carry", "specify", "capture", "host", "offer", "organize", "organise", "group", "manage", "run", "maintain", "gather",
        "collect", "feature", "provide", "support", "publish", "sell", "stock", "schedule",
    ];
    /// Y belongs to X: the subject is the child (Y -> X).
    pub const BELONG: &[&str] = &["belong", "live", "sit", "fall", "reside", "nest", "appear"];
    /// X creates Y: the object references the subject (Y -> X) under the subject's role name.
    pub const CREATE: &[&str] = &[
        "create", "place", "write", "submit", "post", "upload", "book", "make", "open", "send", "raise", "file",
        "award",
        "author", "issue", "log", "start", "add", "build", "leave", "give", "request", "report", "initiate",
        "generate", "produce", "draft", "compose", "launch", "set", "define", "design", "prescribe", "order",
        "purchase", "buy", "rent", "hire", "lend", "borrow", "reserve", "invite", "receive", "earn", "pay",
        "conduct", "perform", "complete", "take", "teach", "lead", "deliver", "handle", "treat", "examine",
        "approve", "review", "sign", "win", "score", "drive", "ride", "fly", "cook", "prepare", "plant", "adopt",
        "owns",
    ];
    /// A verb B where both sides can have many of the other: many-to-many.
    pub const MANY_TO_MANY: &[&str] = &[
        "enroll", "enrol", "join", "attend", "follow", "like", "favorite", "favourite", "subscribe", "participate",
        "register", "bookmark", "star", "watch", "collaborate", "share", "visit", "save", "vote", "upvote",
        "endorse", "apply", "volunteer", "tag", "play", "read", "listen", "wishlist", "love", "block", "mute",
        "friend", "take", "study", "learn", "work",
    ];
    /// X is assigned to Y / X references Y: X -> Y.
    pub const REFER: &[&str] = &[
        "assign", "reference", "refer", "point", "link", "attach", "relate", "allocate", "route", "associate",
        "tie", "connect", "map", "add", "put", "debit", "credit", "bind", "cite", "mention", "target", "concern", "describe", "cover", "rate", "use",
        "require", "need", "depend", "major",
    ];
    /// Verbs that never name a relationship between two entities.
    pub const SETTINGS: &[&str] = &[
        "delete", "remove", "audit", "encrypt", "search", "lose", "update", "edit", "change", "modify", "see",
        "access", "isolate", "separate", "restore", "recover", "archive", "purge", "want", "need", "require",
        "allow", "let", "expect", "grow", "reach", "arrive", "come", "happen", "check", "show", "display", "find",
        "query", "browse", "filter", "sort", "know", "sign", "login", "authenticate", "reject", "decline", "cancel",
        "confirm", "accept",
    ];
}

/// Words that are always verbs when inflected as such (never nouns in
/// requirement prose).
pub const DEFINITE_VERBS: &[&str] = &[
    "goes", "travels", "moves", "flows", "departs", "arrives",
    "has", "have", "had", "having", "contains", "contain", "contained", "belongs", "belong", "belonged", "includes",
    "include", "consists", "consist", "comprises", "comprise", "creates", "create", "created", "enrolls", "enroll",
    "enrolled", "enrols", "enrol", "attends", "attend", "attended", "joins", "join", "joined", "writes", "write",
    "wrote", "written", "submits", "submit", "submitted", "assigned", "assign", "assigns", "makes", "make", "made",
    "takes", "take", "took", "taken", "gives", "give", "gave", "given", "receives", "receive", "received", "sends",
    "send", "sent", "teaches", "teach", "taught", "buys", "buy", "bought", "sells", "sell", "sold", "borrows",
    "borrow", "borrowed", "lends", "lend", "lent", "owns", "keeps", "keep", "kept", "holds", "hold", "held",
    "lives", "resides", "follows", "follow", "followed", "subscribes", "subscribe", "participates", "participate",
    "upload", "uploaded", "placed", "tagged", "linked", "references", "referenced", "refers", "refer",
    "attached", "creates", "wants", "want", "needs", "allows", "allow", "collect", "maintains", "maintain",
    "manages", "managed", "organizes", "organized", "organises", "offer", "treat", "treated", "prescribe",
    "prescribed", "adopt", "adopted", "hired", "rented", "reserved", "purchased", "perform", "performed", "conduct",
    "conducted", "completed", "approve", "approved", "visited", "liked", "reviewed", "rated", "published",
    "stocked", "scheduled", "hosted", "ran", "delivered", "handled", "grouped", "nested", "linked", "connected",
    "associated", "related", "mapped", "requires", "required", "depends", "mentioned", "covered", "describes",
    "described", "played", "watched", "starred", "bookmarked", "favorited", "shared", "invited", "registered",
    "logged", "opened", "raised", "issued", "earned", "won", "drove", "prepared", "planted", "is", "are", "was",
    "were", "be", "been", "can", "may", "must", "should", "will", "would", "could", "might", "shall", "get", "got",
    "become", "becomes", "generated", "produced", "defined", "started", "added", "built", "collaborate",
    "collaborates", "voted", "upvoted", "endorsed", "applied", "adds", "split", "splits", "divides",
];

/// Nouns that denote people (actors) — they may become one `User` entity.
pub const PEOPLE: &[&str] = &[
    "user", "customer", "learner", "student", "instructor", "teacher", "agent", "patient", "member", "employee",
    "admin", "administrator", "manager", "owner", "buyer", "seller", "guest", "host", "driver", "rider", "doctor",
    "nurse", "client", "subscriber", "follower", "participant", "attendee", "speaker", "organizer", "organiser",
    "volunteer", "landlord", "player", "coach", "trainer", "candidate", "recruiter", "applicant", "developer",
    "editor", "moderator", "visitor", "passenger", "tutor", "parent", "person", "assignee", "reporter", "requester",
    "approver", "operator", "technician", "contractor", "freelancer", "artist", "musician", "athlete", "worker",
    "mentor", "mentee", "supervisor", "accountant", "lawyer", "physician", "therapist", "dentist", "pharmacist",
    "librarian", "borrower", "reader", "writer", "creator", "courier", "dispatcher", "pilot", "author", "reviewer",
    "staff", "clinician", "caregiver", "tenant_user", "shopper", "consumer", "vet", "veterinarian", "homeowner",
    "resident", "citizen", "voter", "donor", "sponsor", "fan", "listener", "viewer", "watcher", "commenter",
    "poster", "uploader", "sender", "recipient", "receiver", "payer", "payee", "traveler", "traveller", "tourist",
    "climber", "runner", "swimmer", "referee", "umpire", "judge", "professor", "lecturer", "researcher",
    "scientist", "analyst", "engineer", "designer", "planner", "consultant", "advisor", "adviser", "counselor",
    "coordinator", "director", "executive", "officer", "clerk", "cashier", "waiter", "chef", "cook", "bartender",
    "receptionist", "stylist", "barber", "mechanic", "inspector", "auditor", "investor", "shareholder", "partner",
    "colleague", "teammate", "friend", "contact", "lead", "prospect", "subscriber", "account_holder", "cardholder",
    "policyholder", "beneficiary", "inmate", "pupil", "child", "kid", "baby", "volunteer", "intern", "trainee",
    "employee", "invitee", "enrollee", "nominee", "tutor", "dancer", "singer", "actor", "photographer", "blogger",
    "influencer", "creator", "landlady", "renter", "lessee", "owner", "agent", "broker", "realtor", "seller",
    "vendor_user", "rep", "representative", "specialist", "provider", "practitioner", "surgeon", "midwife",
    "paramedic", "pharmacist", "people", "attendant", "steward", "crew", "captain", "sailor", "soldier", "hunter",
    "fisher", "farmer", "gardener", "cleaner", "janitor", "tenant_person", "guardian", "learner",
];

/// People nouns that name a role in the system rather than a kind of person:
/// always the same login as the other users.
pub const ROLES: &[&str] = &[
    "user", "member", "owner", "admin", "administrator", "assignee", "author", "creator", "editor", "moderator",
    "reviewer", "approver", "reporter", "requester", "follower", "subscriber", "participant", "attendee",
    "organizer", "organiser", "commenter", "poster", "uploader", "sender", "recipient", "receiver", "viewer",
    "watcher", "collaborator", "contributor", "maintainer", "invitee", "person", "people", "account_holder",
    "reader", "writer", "commenter", "blogger", "teammate", "colleague", "friend", "manager", "lead",
];

/// Words saying people sign in (the same login): merge the actors into `User`.
pub const LOGIN: &[&str] = &[
    "log in", "logs in", "login", "log-in", "sign in", "signs in", "sign-in", "sign up", "signs up", "sign-up",
    "password", "single sign-on", "sso", "same account", "same login", "user account", "accounts", "account",
    "authenticate", "credentials", "logged in", "registered users", "profile", "users",
];

/// Nouns that are never entities (they talk about the system or its qualities).
pub const NOT_ENTITIES: &[&str] = &[
    "system", "app", "platform", "edit", "database", "db", "software", "website", "tool", "feature",
    "support", "ability", "way", "lot", "kind", "sort", "audit", "trail", "isolation", "tenancy", "requirement",
    "rule", "regulator", "update", "change", "thing", "stuff", "time", "place", "end", "rest", "case",
    "need", "example", "e.g", "i.e", "etc", "data", "information", "info", "detail", "record", "row", "table",
    "entity", "field", "column", "value", "item", "everything", "nothing", "anything", "point", "reason", "purpose",
    "use", "usage", "number", "amount", "history", "log", "trace", "security", "privacy", "compliance",
    "law", "regulation", "gdpr", "hipaa", "soc", "access", "visibility", "search", "full-text", "text",
    "encryption", "rest", "scale", "performance", "speed", "volume", "billion", "million", "thousand", "hundred",
    "second", "minute", "hour", "day", "week", "month", "year", "moment", "tenant", "multi-tenant", "multitenant",
    "version", "concurrency", "conflict", "deletion", "backup", "while", "overview", "description", "model",
    "schema", "design", "domain", "business", "process", "workflow", "flow", "step", "option", "team_member",
    "same", "login", "account_login", "password", "credential", "us", "whole", "mind", "idea", "question",
    "answer_key", "set", "list", "collection", "bunch", "group_of", "few", "couple", "other", "another", "lots",
    "plenty", "variety", "type_of", "kind_of", "ones", "sense", "fact", "world", "life", "heart", "soul", "sky",
    "moon", "sun", "star_light", "sea", "night", "dream", "love", "engine", "mvp", "backend", "frontend", "api",
    "dashboard", "prototype", "chain", "spec", "specification", "v1", "v2", "startup", "ui",
    "service_layer", "codebase", "product_team", "first_version", "version_one", "crm", "erp", "cms", "lms", "saas",
];

/// Nouns that are attributes when they appear as a thing something has.
pub const ATTRIBUTE_HEADS: &[&str] = &[
    "name", "title", "description", "dimensions", "dimension", "note", "notes", "body", "content", "text", "bio", "summary", "subject", "comment", "method", "point",
    "email", "e-mail", "phone", "address", "url", "link", "website", "color", "colour", "status", "state", "type",
    "kind", "role", "level", "priority", "rating", "score", "code", "sku", "isbn", "slug", "username", "handle",
    "nickname", "password", "date", "time", "timestamp", "deadline", "expiry", "expiration", "birthday", "dob",
    "price", "amount", "total", "cost", "salary", "balance", "fee", "budget", "revenue", "subtotal", "tax",
    "discount", "wage", "rent", "deposit", "fare", "tip", "count", "quantity", "qty", "stock", "capacity", "age",
    "year", "rank", "position", "weight", "height", "length", "width", "depth", "distance", "latitude", "longitude",
    "temperature", "duration", "percentage", "percent", "rate", "flag", "settings", "metadata", "preferences",
    "preference", "config", "configuration", "options", "payload", "properties", "number", "id", "identifier",
    "label_text", "avatar", "photo", "image", "picture", "logo", "icon", "thumbnail", "location", "city", "country",
    "zip", "postcode", "postal", "street", "currency", "language", "locale", "timezone", "gender", "sex", "size",
    "unit", "value", "reading_value", "speed", "volume", "area", "mileage", "odometer", "vin", "plate", "serial",
    "barcode", "ean", "upc", "token", "secret", "key", "hash", "checksum", "version", "visibility", "reason",
    "comment_text", "answer_text", "question_text", "message_text", "headline", "caption", "instructions",
    "ingredients", "allergies", "diagnosis", "dosage", "frequency", "notes", "capacity", "seats", "minutes",
    "hours", "days", "points", "credits", "grade", "mark", "genre", "species", "breed", "brand", "model_name",
    "make", "format", "isbn13", "ssn", "nationality", "occupation", "website_url", "biography", "excerpt",
    "abstract", "keywords", "remarks", "feedback", "sentiment", "severity", "impact", "urgency", "outcome",
    "result", "verdict", "answer", "response", "question", "prompt", "due", "start", "end", "opening", "closing",
    "birth", "death", "expires", "tracking", "iban", "bic", "swift", "vat", "tax_id",
];

pub fn contains(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The dictionary form of a verb candidate: `contains` → `contain`,
/// `enrolled` → `enroll`, `replies` → `reply`, `placing` → `place`.
/// Returns the first form found in `list`.
pub fn lemma<'a>(word: &str, list: &[&'a str]) -> Option<&'a str> {
    forms(word)
        .iter()
        .find_map(|f| list.iter().find(|l| **l == f.as_str()).copied())
}

/// Whether any form of `word` is in any of `lists` (the forms are built once).
pub fn lemma_in_any(word: &str, lists: &[&[&str]]) -> bool {
    let fs = forms(word);
    lists
        .iter()
        .any(|list| fs.iter().any(|f| list.contains(&f.as_str())))
}

/// The candidate dictionary forms of an inflected word.
fn forms(word: &str) -> Vec<String> {
    let mut forms: Vec<String> = vec![word.to_string()];
    if let Some(s) = word.strip_suffix("ies") {
        forms.push(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("es") {
        forms.push(s.to_string());
    }
    if let Some(s) = word.strip_suffix('s') {
        forms.push(s.to_string());
    }
    if let Some(s) = word.strip_suffix("ied") {
        forms.push(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("ed") {
        forms.push(s.to_string());
        forms.push(format!("{s}e"));
        let b = s.as_bytes();
        if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] {
            forms.push(s[..s.len() - 1].to_string());
        }
    }
    if let Some(s) = word.strip_suffix("ing") {
        forms.push(s.to_string());
        forms.push(format!("{s}e"));
        let b = s.as_bytes();
        if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] {
            forms.push(s[..s.len() - 1].to_string());
        }
    }
    match word {
        "wrote" | "written" => forms.push("write".into()),
        "made" => forms.push("make".into()),
        "took" | "taken" => forms.push("take".into()),
        "gave" | "given" => forms.push("give".into()),
        "sent" => forms.push("send".into()),
        "taught" => forms.push("teach".into()),
        "bought" => forms.push("buy".into()),
        "sold" => forms.push("sell".into()),
        "lent" => forms.push("lend".into()),
        "kept" => forms.push("keep".into()),
        "held" => forms.push("hold".into()),
        "left" => forms.push("leave".into()),
        "led" => forms.push("lead".into()),
        "ran" => forms.push("run".into()),
        "paid" => forms.push("pay".into()),
        "won" => forms.push("win".into()),
        "drove" => forms.push("drive".into()),
        "flew" | "flies" => forms.push("fly".into()),
        "built" => forms.push("build".into()),
        "read" => forms.push("read".into()),
        "saw" | "seen" => forms.push("see".into()),
        "got" => forms.push("get".into()),
        "has" | "had" | "having" => forms.push("have".into()),
        _ => {}
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_of_inflected_verbs() {
        assert_eq!(lemma("contains", verbs::HAVE), Some("contain"));
        assert_eq!(lemma("has", verbs::HAVE), Some("have"));
        assert_eq!(lemma("enrolled", verbs::MANY_TO_MANY), Some("enroll"));
        assert_eq!(lemma("placing", verbs::CREATE), Some("place"));
        assert_eq!(lemma("wrote", verbs::CREATE), Some("write"));
        assert_eq!(lemma("belongs", verbs::BELONG), Some("belong"));
        assert_eq!(lemma("planned", &["plan"]), Some("plan"));
        assert_eq!(lemma("tasks", verbs::HAVE), None);
    }
}
