// Tone mapping: exposure, then Khronos PBR Neutral, ACES or nothing, then sRGB encoding
// when the output format does not do it. Draws one full-screen triangle. Needs
// shared.wgsl before it.

@group(0) @binding(0) var hdr: texture_2d<f32>;
@group(0) @binding(1) var<uniform> settings: Tonemap;

struct FullScreen {
    @builtin(position) clip: vec4<f32>,
}

@vertex
fn vs_fullscreen(@builtin(vertex_index) index: u32) -> FullScreen {
    let uv = vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
    var out: FullScreen;
    out.clip = vec4<f32>(uv * 2.0 - 1.0, 0.0, 1.0);
    return out;
}

// Khronos PBR Neutral (https://github.com/KhronosGroup/ToneMapping), for faithful
// base colours: identity up to 0.76 apart from a small toe.
fn pbr_neutral(input: vec3<f32>) -> vec3<f32> {
    let start_compression = 0.8 - 0.04;
    let desaturation = 0.15;
    var color = input;
    let x = min(color.r, min(color.g, color.b));
    let offset = select(0.04, x - 6.25 * x * x, x < 0.08);
    color -= offset;
    let peak = max(color.r, max(color.g, color.b));
    if peak < start_compression {
        return color;
    }
    let d = 1.0 - start_compression;
    let new_peak = 1.0 - d * d / (peak + d - start_compression);
    color *= new_peak / peak;
    let g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0);
    return mix(color, vec3<f32>(new_peak), g);
}

// ACES filmic, Stephen Hill's fit of the RRT and ODT (sRGB primaries in and out).
fn aces(input: vec3<f32>) -> vec3<f32> {
    let aces_input = mat3x3<f32>(
        vec3<f32>(0.59719, 0.07600, 0.02840),
        vec3<f32>(0.35458, 0.90834, 0.13383),
        vec3<f32>(0.04823, 0.01566, 0.83777),
    );
    let aces_output = mat3x3<f32>(
        vec3<f32>(1.60475, -0.10208, -0.00327),
        vec3<f32>(-0.53108, 1.10813, -0.07276),
        vec3<f32>(-0.07367, -0.00605, 1.07602),
    );
    let v = aces_input * input;
    let a = v * (v + 0.0245786) - 0.000090537;
    let b = v * (0.983729 * v + 0.4329510) + 0.238081;
    return aces_output * (a / b);
}

fn srgb_encode(linear: vec3<f32>) -> vec3<f32> {
    let low = linear * 12.92;
    let high = 1.055 * pow(linear, vec3<f32>(1.0 / 2.4)) - 0.055;
    return select(high, low, linear <= vec3<f32>(0.0031308));
}

@fragment
fn fs_tonemap(in: FullScreen) -> @location(0) vec4<f32> {
    let texel = textureLoad(hdr, vec2<i32>(in.clip.xy), 0);
    var color = max(texel.rgb * settings.exposure, vec3<f32>(0.0));
    if settings.curve == 1u {
        color = pbr_neutral(color);
    } else if settings.curve == 2u {
        color = aces(color);
    }
    if texel.a <= 0.0 {
        color = settings.background.rgb;
    }
    // No clamp: 8-bit targets saturate on store, float targets keep the HDR values.
    if settings.encode_srgb != 0u {
        color = srgb_encode(color);
    }
    return vec4<f32>(color, 1.0);
}
