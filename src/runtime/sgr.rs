//! Colours for 16-colour terminals: crossterm writes every colour as `38;5;N`, which a real
//! 16-colour terminal may ignore; this writer turns N < 16 into the classic SGR codes
//! (30–37, 90–97 and their backgrounds 40–47, 100–107) on the way out.

use std::io::{self, Write};

/// A CSI sequence longer than this is not a colour: it goes out as it came.
const MAX_CSI: usize = 64;

/// Passes bytes through, rewriting `38;5;N` / `48;5;N` (N < 16) in SGR sequences when on.
pub struct Classic16<W: Write> {
    inner: W,
    on: bool,
    /// A CSI sequence seen in part (writes may cut one anywhere).
    pending: Vec<u8>,
}

impl<W: Write> Classic16<W> {
    pub fn new(inner: W, on: bool) -> Self {
        Classic16 {
            inner,
            on,
            pending: Vec::new(),
        }
    }

    fn finish_csi(&mut self, out: &mut Vec<u8>) {
        let seq = std::mem::take(&mut self.pending);
        match seq.last() {
            Some(b'm') => out.extend_from_slice(&rewrite_sgr(&seq)),
            _ => out.extend_from_slice(&seq),
        }
    }
}

/// `ESC [ params m` with every 256-colour index below 16 in its classic form.
fn rewrite_sgr(seq: &[u8]) -> Vec<u8> {
    let params = &seq[2..seq.len() - 1];
    let Ok(text) = std::str::from_utf8(params) else {
        return seq.to_vec();
    };
    let parts: Vec<&str> = text.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let index = parts.get(i + 2).and_then(|n| n.parse::<u8>().ok());
        match (parts[i], parts.get(i + 1), index) {
            (fg_bg @ ("38" | "48"), Some(&"5"), Some(n)) if n < 16 => {
                let base = match (fg_bg, n < 8) {
                    ("38", true) => 30,
                    ("38", false) => 90 - 8,
                    (_, true) => 40,
                    (_, false) => 100 - 8,
                };
                out.push((base + u16::from(n)).to_string());
                i += 3;
            }
            (p, _, _) => {
                out.push(p.to_owned());
                i += 1;
            }
        }
    }
    format!("\x1b[{}m", out.join(";")).into_bytes()
}

impl<W: Write> Write for Classic16<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending.is_empty() {
                if b == 0x1b {
                    self.pending.push(b);
                } else {
                    out.push(b);
                }
                continue;
            }
            self.pending.push(b);
            match self.pending.len() {
                2 if b != b'[' => out.append(&mut self.pending),
                2 => {}
                n if (0x40..=0x7e).contains(&b) || n > MAX_CSI => self.finish_csi(&mut out),
                _ => {}
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(on: bool, chunks: &[&[u8]]) -> String {
        let mut w = Classic16::new(Vec::new(), on);
        for c in chunks {
            w.write_all(c).expect("write");
        }
        String::from_utf8(w.inner).expect("utf8")
    }

    #[test]
    fn indexed_colours_below_16_become_classic_codes() {
        assert_eq!(through(true, &[b"\x1b[38;5;1mA"]), "\x1b[31mA");
        assert_eq!(through(true, &[b"\x1b[38;5;9m"]), "\x1b[91m");
        assert_eq!(through(true, &[b"\x1b[48;5;4m"]), "\x1b[44m");
        assert_eq!(through(true, &[b"\x1b[48;5;15m"]), "\x1b[107m");
        // crossterm's SetColors: both in one sequence.
        assert_eq!(through(true, &[b"\x1b[38;5;2;48;5;0m"]), "\x1b[32;40m");
        assert_eq!(through(true, &[b"\x1b[1;38;5;11m"]), "\x1b[1;93m");
    }

    #[test]
    fn the_rest_goes_through_untouched() {
        let other = "\x1b[38;5;208m\x1b[2J\x1b[10;4Hé\x1b[0m\x1b]52;c;eA==\x07";
        assert_eq!(through(true, &[other.as_bytes()]), other);
        assert_eq!(through(false, &[b"\x1b[38;5;1m"]), "\x1b[38;5;1m");
    }

    #[test]
    fn a_sequence_cut_between_writes_is_still_rewritten() {
        assert_eq!(
            through(true, &[b"x\x1b", b"[38;5", b";3m", b"y"]),
            "x\x1b[33my"
        );
    }
}
