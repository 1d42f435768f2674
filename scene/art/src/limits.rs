//! The sizes a painting may have (the generators and their errors both speak of them).

/// The smallest side of a painting, in pixels.
pub const MIN_SIDE: u32 = 16;
/// The largest side of a painting, in pixels: a 4096 × 4096 picture works in about
/// 200 MB of colours, and no wall needs more.
pub const MAX_SIDE: u32 = 4096;
