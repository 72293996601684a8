//! The progress line of a long listing, on stderr and only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    shown: bool,
    started: Instant,
    drawn: bool,
}

impl Progress {
    pub fn new(wanted: bool) -> Progress {
        Progress {
            shown: wanted && std::io::stderr().is_terminal(),
            started: Instant::now(),
            drawn: false,
        }
    }

    /// Rows written so far, of `total` when the provider gives one (else pages so far).
    pub fn update(&mut self, rows: u64, pages: u64, total: Option<u64>) {
        if !self.shown {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = rows as f64 / secs;
        let line = match total {
            Some(total) => {
                let left = total.saturating_sub(rows) as f64 / rate.max(1.0);
                format!("{rows}/{total} rows · {rate:.0} rows/s · {left:.0} s left")
            }
            None => format!("{rows} rows, {pages} pages · {rate:.0} rows/s"),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{line}");
        let _ = err.flush();
        self.drawn = true;
    }

    /// Clears the line, so what follows on stderr starts clean.
    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.drawn = false;
        }
    }
}
