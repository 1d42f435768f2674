// The environment drawn behind everything: a full-screen triangle at the far plane
// (depth 0 with reverse-Z), kept only where no geometry was drawn. Bind groups: 0 the
// frame, 1 the lighting (museion::lighting).

#import museion::fullscreen::full_screen_uv
#import museion::lighting::environment_radiance
#import museion::shared::Camera

@group(0) @binding(0) var<uniform> camera: Camera;

struct SkyOut {
    @builtin(position) clip: vec4<f32>,
    @location(0) ndc: vec2<f32>,
}

@vertex
fn vs_skybox(@builtin(vertex_index) index: u32) -> SkyOut {
    let uv = full_screen_uv(index);
    var out: SkyOut;
    out.ndc = uv * 2.0 - 1.0;
    out.clip = vec4<f32>(out.ndc, 0.0, 1.0);
    return out;
}

fn sky(ndc: vec2<f32>) -> vec4<f32> {
    // The view ray through this pixel: from the near plane (depth 1) to a point beyond
    // it (depth 0.5), which works for perspective and orthographic views alike.
    let near = camera.inverse_view_proj * vec4<f32>(ndc, 1.0, 1.0);
    let far = camera.inverse_view_proj * vec4<f32>(ndc, 0.5, 1.0);
    let d = normalize(far.xyz / far.w - near.xyz / near.w);
    return vec4<f32>(environment_radiance(d, 0.0), 1.0);
}

@fragment
fn fs_skybox(in: SkyOut) -> @location(0) vec4<f32> {
    return sky(in.ndc);
}

struct SkyAndId {
    @location(0) color: vec4<f32>,
    // No instance.
    @location(1) id: u32,
}

@fragment
fn fs_skybox_with_id(in: SkyOut) -> SkyAndId {
    return SkyAndId(sky(in.ndc), 0u);
}
