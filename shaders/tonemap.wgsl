// Tone mapping: exposure, then Khronos PBR Neutral, ACES, AgX or nothing, then sRGB
// encoding when the output format does not do it. Draws one full-screen triangle.

#import museion::constants::{CURVE_ACES, CURVE_AGX, CURVE_PBR_NEUTRAL}
#import museion::fullscreen::full_screen_uv
#import museion::shared::{ExposureState, Tonemap}

@group(0) @binding(0) var hdr: texture_2d<f32>;
@group(0) @binding(1) var<uniform> settings: Tonemap;
// Read when `settings.auto_exposure` is 1 (exposure.wgsl writes it).
@group(0) @binding(2) var<storage, read> auto_exposure: ExposureState;

struct FullScreen {
    @builtin(position) clip: vec4<f32>,
}

@vertex
fn vs_fullscreen(@builtin(vertex_index) index: u32) -> FullScreen {
    let uv = full_screen_uv(index);
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
    return clamp(aces_output * (a / b), vec3<f32>(0.0), vec3<f32>(1.0));
}

// AgX's sigmoid on log-encoded values in 0..1: the polynomial fit of Troy Sobotka's
// base contrast curve (as three.js and Filament use it).
fn agx_contrast(x: vec3<f32>) -> vec3<f32> {
    let x2 = x * x;
    let x4 = x2 * x2;
    return 15.5 * x4 * x2 - 40.14 * x4 * x + 31.96 * x4 - 6.868 * x2 * x + 0.4298 * x2
        + 0.1191 * x - 0.00232;
}

// Troy Sobotka's AgX, base look, linear sRGB in and out. Works in Rec. 2020: the inset
// matrix desaturates toward the achromatic axis, log2 encoding maps -12.47..+4.03 EV
// (middle grey 0.18 ± 10 and 6.5 stops) to 0..1, the sigmoid shapes it, the outset
// matrix restores saturation, and 2.2 gamma brings it back to linear. Matrices are
// written by columns.
fn agx(input: vec3<f32>) -> vec3<f32> {
    let srgb_to_rec2020 = mat3x3<f32>(
        vec3<f32>(0.6274094405, 0.0691248390, 0.0164233580),
        vec3<f32>(0.3292602522, 0.9195486138, 0.0880478476),
        vec3<f32>(0.0432718936, 0.0113207668, 0.8956167137),
    );
    let rec2020_to_srgb = mat3x3<f32>(
        vec3<f32>(1.6605, -0.1246, -0.0182),
        vec3<f32>(-0.5876, 1.1329, -0.1006),
        vec3<f32>(-0.0728, -0.0083, 1.1187),
    );
    let inset = mat3x3<f32>(
        vec3<f32>(0.856627153315983, 0.137318972929847, 0.11189821299995),
        vec3<f32>(0.0951212405381588, 0.761241990602591, 0.0767994186031903),
        vec3<f32>(0.0482516061458583, 0.101439036467562, 0.811302368396859),
    );
    let outset = mat3x3<f32>(
        vec3<f32>(1.1271005818, -0.1413297635, -0.1413297635),
        vec3<f32>(-0.1106066431, 1.1578237022, -0.1106066431),
        vec3<f32>(-0.0164939387, -0.0164939387, 1.2519364066),
    );
    let min_ev = -12.47393;
    let max_ev = 4.026069;
    var v = inset * max(srgb_to_rec2020 * input, vec3<f32>(0.0));
    v = (log2(max(v, vec3<f32>(1e-10))) - min_ev) / (max_ev - min_ev);
    v = agx_contrast(clamp(v, vec3<f32>(0.0), vec3<f32>(1.0)));
    v = pow(max(outset * v, vec3<f32>(0.0)), vec3<f32>(2.2));
    // Back to sRGB primaries; colours outside the gamut are clipped.
    return clamp(rec2020_to_srgb * v, vec3<f32>(0.0), vec3<f32>(1.0));
}

fn srgb_encode(linear: vec3<f32>) -> vec3<f32> {
    let low = linear * 12.92;
    let high = 1.055 * pow(linear, vec3<f32>(1.0 / 2.4)) - 0.055;
    return select(high, low, linear <= vec3<f32>(0.0031308));
}

@fragment
fn fs_tonemap(in: FullScreen) -> @location(0) vec4<f32> {
    let texel = textureLoad(hdr, vec2<i32>(in.clip.xy), 0);
    var exposure = settings.exposure;
    if settings.auto_exposure != 0u {
        exposure *= auto_exposure.scale;
    }
    // The HDR target is cleared to black: where blended surfaces left part of the
    // background visible (alpha below 1), it shows through by that part, unexposed.
    let background_share = 1.0 - clamp(texel.a, 0.0, 1.0);
    var color = max(texel.rgb * exposure + settings.background.rgb * background_share, vec3<f32>(0.0));
    if settings.curve == CURVE_PBR_NEUTRAL {
        color = pbr_neutral(color);
    } else if settings.curve == CURVE_ACES {
        color = aces(color);
    } else if settings.curve == CURVE_AGX {
        color = agx(color);
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
