//! Latency figures over a window: the statements that were running at any
//! moment between the migration's start and end.

use crate::load::{Kind, Sample};

/// Figures for the statements overlapping a window.
#[derive(Debug, Clone, Default)]
pub struct Window {
    pub statements: usize,
    pub errors: usize,
    pub max_ms: f64,
    pub p99_ms: f64,
    pub p50_ms: f64,
    /// Seconds after the window's start at which the slowest statement began.
    pub max_at_s: f64,
    /// What the slowest statement was.
    pub max_kind: Option<Kind>,
}

/// Statements with `start < to_us` and `start + latency > from_us`.
pub fn window(samples: &[Sample], from_us: u64, to_us: u64) -> Window {
    let inside: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.start_us < to_us && s.start_us + s.latency_us > from_us)
        .collect();
    let mut lat: Vec<u64> = inside.iter().map(|s| s.latency_us).collect();
    lat.sort_unstable();
    let pick = |q: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 * q).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i] as f64 / 1000.0
    };
    let slowest = inside.iter().max_by_key(|s| s.latency_us);
    Window {
        statements: inside.len(),
        errors: inside.iter().filter(|s| !s.ok).count(),
        max_ms: slowest.map_or(0.0, |s| s.latency_us as f64 / 1000.0),
        p99_ms: pick(0.99),
        p50_ms: pick(0.50),
        max_at_s: slowest.map_or(0.0, |s| s.start_us.saturating_sub(from_us) as f64 / 1e6),
        max_kind: slowest.map(|s| s.kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start_us: u64, latency_us: u64) -> Sample {
        Sample {
            start_us,
            latency_us,
            kind: Kind::Select,
            ok: true,
        }
    }

    #[test]
    fn a_statement_that_straddles_the_window_start_counts() {
        let samples = [s(0, 100), s(50, 5_000), s(10_000, 200), s(20_000, 300)];
        let w = window(&samples, 1_000, 15_000);
        assert_eq!(w.statements, 2);
        assert_eq!(w.max_ms, 5.0);
        assert_eq!(w.p99_ms, 5.0);
        assert_eq!(w.p50_ms, 0.2);
    }
}
