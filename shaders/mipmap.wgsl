// Builds one mip level from the one above it: a bilinear sample at the centre of each
// 2×2 texel group. Run through an sRGB view for colour textures, so filtering happens
// in linear space.

#import museion::fullscreen::full_screen_uv

@group(0) @binding(0) var source: texture_2d<f32>;
@group(0) @binding(1) var source_sampler: sampler;

struct Blit {
    @builtin(position) clip: vec4<f32>,
    @location(0) uv: vec2<f32>,
}

@vertex
fn vs_blit(@builtin(vertex_index) index: u32) -> Blit {
    let uv = full_screen_uv(index);
    var out: Blit;
    out.clip = vec4<f32>(uv.x * 2.0 - 1.0, 1.0 - uv.y * 2.0, 0.0, 1.0);
    out.uv = uv;
    return out;
}

@fragment
fn fs_blit(in: Blit) -> @location(0) vec4<f32> {
    return textureSample(source, source_sampler, in.uv);
}
