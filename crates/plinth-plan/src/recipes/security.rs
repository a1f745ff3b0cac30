//! Row-level security: the old policies dropped, the switches set, the new
//! policies created, in one short ACCESS EXCLUSIVE transaction in the
//! contract phase (it changes which rows every client sees, so it comes
//! once the columns it filters on are filled).

use super::Ctx;
use crate::sql::q;
use crate::step::{Cost, Phase, Step};
use plinth_model::{RowSecurity, Table};
use plinth_postgres::parts;

/// Statements that take `table` from `from` to `to`.
fn switch(table: &Table, from: &Option<RowSecurity>, to: &Option<RowSecurity>) -> Vec<String> {
    let name = parts::table_name(table);
    let mut out: Vec<String> = Vec::new();
    for p in from.iter().flat_map(|r| &r.policies) {
        out.push(format!("DROP POLICY IF EXISTS {} ON {name};", q(&p.name)));
    }
    let (was_on, was_forced) = from.as_ref().map_or((false, false), |r| (r.enabled, r.forced));
    let (on, forced) = to.as_ref().map_or((false, false), |r| (r.enabled, r.forced));
    if was_forced && !forced {
        out.push(format!("ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY;"));
    }
    if was_on && !on {
        out.push(format!("ALTER TABLE {name} DISABLE ROW LEVEL SECURITY;"));
    }
    let mut target = table.clone();
    target.row_security = to.clone();
    out.extend(parts::row_security(&target).into_iter().map(|s| s.sql));
    out
}

pub(super) fn row_security(ctx: &mut Ctx, table: &str, from: &Option<RowSecurity>, to: &Option<RowSecurity>) {
    let Some(t) = ctx.to_table(table) else { return };
    let with = |step: Step, sql: Vec<String>| sql.into_iter().fold(step, |s, x| s.sql(x));
    let up = with(
        ctx.exclusive(format!("row_security_{table}"), Phase::Contract, Cost::Catalog)
            .note("changes which rows each session sees: clients must set what the policies read first"),
        switch(t, from, to),
    );
    let down = with(
        ctx.exclusive(format!("row_security_{table}_back"), Phase::Contract, Cost::Catalog),
        switch(t, to, from),
    );
    ctx.push(up, vec![down]);
}
