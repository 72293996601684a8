//! Throughput and latency of a sandbox list endpoint (`guichet bench sandbox`).
