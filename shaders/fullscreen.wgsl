#define_import_path museion::fullscreen

// Full-screen passes draw one triangle from the vertex index, with no vertex buffer.

// Corner `index` (0, 1 or 2) of a triangle that covers the screen, in the coordinates
// where the screen is the unit square: (0, 0), (2, 0) and (0, 2).
fn full_screen_uv(index: u32) -> vec2<f32> {
    return vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
}
