//! Pure, synchronous assignors (no I/O): range, roundrobin, sticky, cooperative-sticky.
