//! The application load: client threads issuing point SELECTs, UPDATEs and
//! INSERTs on `orders` back to back (with a short think time), timing every
//! statement. Statements are sent as simple queries with literal values, so
//! no prepared statement or client-side parameter type outlives a column
//! type change; the columns they touch (id, title, qty, customer_id,
//! payload) keep working in every scenario's TO schema.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a statement was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Select,
    Update,
    Insert,
}

/// One timed statement, in microseconds since the load's epoch.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub start_us: u64,
    pub latency_us: u64,
    pub kind: Kind,
    pub ok: bool,
}

/// What a client thread hands back: its samples and its first error.
type ClientResult = Result<(Vec<Sample>, Option<String>), String>;

/// A running load; [`Load::stop`] joins the clients and returns every sample.
pub struct Load {
    pub epoch: Instant,
    stop: Arc<AtomicBool>,
    clients: Vec<JoinHandle<ClientResult>>,
}

/// Load settings.
#[derive(Debug, Clone)]
pub struct LoadConfig {
    pub clients: usize,
    pub think: Duration,
    /// Ids 1..=rows exist (point reads and updates pick among them).
    pub rows: u64,
}

/// A tiny xorshift generator: the load needs cheap, seeded randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

impl Load {
    /// Connects `config.clients` sessions (application_name `bench-app`) and
    /// starts them.
    pub fn start(db: postgres::Config, config: &LoadConfig, tag: &str) -> Result<Load, String> {
        let epoch = Instant::now();
        let stop = Arc::new(AtomicBool::new(false));
        let mut clients = Vec::new();
        for n in 0..config.clients {
            let mut cfg = db.clone();
            cfg.application_name("bench-app");
            let mut client = cfg.connect(postgres::NoTls).map_err(|e| format!("load client: {e}"))?;
            let stop = stop.clone();
            let config = config.clone();
            let tag = format!("{tag}-{n}");
            clients.push(std::thread::spawn(move || {
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x1234_5678_9ABC));
                let mut samples = Vec::with_capacity(100_000);
                let mut first_error = None;
                let mut seq = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let id = rng.next() % config.rows + 1;
                    let roll = rng.next() % 10;
                    let (kind, sql) = match roll {
                        0..=6 => (
                            Kind::Select,
                            format!("SELECT id, title, qty, payload FROM orders WHERE id = {id}"),
                        ),
                        7 | 8 => (
                            Kind::Update,
                            format!("UPDATE orders SET payload = 'u{seq}' WHERE id = {id}"),
                        ),
                        _ => {
                            seq += 1;
                            (
                                Kind::Insert,
                                format!(
                                    "INSERT INTO orders (title, qty, customer_id, payload) VALUES ('load {tag} {seq}', {}, {}, 'i')",
                                    id % 1000,
                                    id % 100 + 1
                                ),
                            )
                        }
                    };
                    let t0 = Instant::now();
                    let result = client.simple_query(&sql);
                    let latency = t0.elapsed();
                    let ok = result.is_ok();
                    if let Err(e) = result {
                        if first_error.is_none() {
                            first_error = Some(format!("{sql}: {e}"));
                        }
                    }
                    samples.push(Sample {
                        start_us: t0.duration_since(epoch).as_micros() as u64,
                        latency_us: latency.as_micros() as u64,
                        kind,
                        ok,
                    });
                    if !config.think.is_zero() {
                        std::thread::sleep(config.think);
                    }
                }
                Ok((samples, first_error))
            }));
        }
        Ok(Load { epoch, stop, clients })
    }

    /// Microseconds since the epoch.
    pub fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64
    }

    /// Stops the clients; returns all samples and the first error seen.
    pub fn stop(self) -> Result<(Vec<Sample>, Option<String>), String> {
        self.stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        let mut first_error = None;
        for c in self.clients {
            let (samples, err) = c.join().map_err(|_| "a load client panicked".to_string())??;
            all.extend(samples);
            first_error = first_error.or(err);
        }
        all.sort_by_key(|s| s.start_us);
        Ok((all, first_error))
    }
}
