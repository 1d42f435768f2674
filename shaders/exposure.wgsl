// Automatic exposure from a luminance histogram, in two compute passes over the HDR
// target:
// 1. `build_histogram` counts the drawn pixels (HDR alpha above 0) into HISTOGRAM_BINS
//    bins of log2 luminance, in workgroup-shared counters first, then in `histogram`;
// 2. `adapt` (one workgroup) averages the bins between two percentiles, turns the
//    average into a target EV100 and moves `state` toward it, exponentially in time.
// The tone mapper reads `state.scale`; nothing comes back to the CPU. `histogram` is
// cleared before each frame's first pass.

#import museion::constants::{EXPOSURE_TILE, HISTOGRAM_BINS}
#import museion::math::luminance
#import museion::shared::{AutoExposure, ExposureState}

@group(0) @binding(0) var<uniform> params: AutoExposure;
@group(0) @binding(1) var hdr: texture_2d<f32>;
@group(0) @binding(2) var<storage, read_write> histogram: array<atomic<u32>, HISTOGRAM_BINS>;
@group(0) @binding(3) var<storage, read_write> state: ExposureState;

var<workgroup> local_bins: array<atomic<u32>, HISTOGRAM_BINS>;
var<workgroup> counts: array<u32, HISTOGRAM_BINS>;

// The bin of a luminance; values outside the range go to the first or last bin.
fn bin_of(l: f32) -> u32 {
    if l <= 0.0 {
        return 0u;
    }
    let t = (log2(l) - params.log2_min) / params.log2_range;
    return u32(clamp(t * f32(HISTOGRAM_BINS), 0.0, f32(HISTOGRAM_BINS - 1u)));
}

// log2 luminance at the middle of a bin.
fn bin_center(bin: u32) -> f32 {
    return params.log2_min + (f32(bin) + 0.5) * params.log2_range / f32(HISTOGRAM_BINS);
}

@compute @workgroup_size(EXPOSURE_TILE, EXPOSURE_TILE)
fn build_histogram(
    @builtin(global_invocation_id) id: vec3<u32>,
    @builtin(local_invocation_index) index: u32,
) {
    atomicStore(&local_bins[index], 0u);
    workgroupBarrier();
    if all(id.xy < textureDimensions(hdr)) {
        let texel = textureLoad(hdr, id.xy, 0);
        // Alpha 0: nothing was drawn here, the background does not count.
        if texel.a > 0.0 {
            atomicAdd(&local_bins[bin_of(luminance(max(texel.rgb, vec3<f32>(0.0))))], 1u);
        }
    }
    workgroupBarrier();
    let count = atomicLoad(&local_bins[index]);
    if count > 0u {
        atomicAdd(&histogram[index], count);
    }
}

@compute @workgroup_size(HISTOGRAM_BINS)
fn adapt(@builtin(local_invocation_index) index: u32) {
    counts[index] = atomicLoad(&histogram[index]);
    workgroupBarrier();
    if index != 0u {
        return;
    }
    var total = 0.0;
    for (var bin = 0u; bin < HISTOGRAM_BINS; bin++) {
        total += f32(counts[bin]);
    }
    // Nothing drawn: keep the exposure as it is.
    if total <= 0.0 {
        return;
    }
    // The mean log2 luminance of the pixels ranked between the two percentiles; a bin
    // straddling a limit counts with the part inside.
    let low = total * params.low_percentile;
    let high = total * params.high_percentile;
    var below = 0.0;
    var sum = 0.0;
    var weight = 0.0;
    for (var bin = 0u; bin < HISTOGRAM_BINS; bin++) {
        let count = f32(counts[bin]);
        let inside = max(min(below + count, high) - max(below, low), 0.0);
        sum += inside * bin_center(bin);
        weight += inside;
        below += count;
    }
    if weight <= 0.0 {
        return;
    }
    let target_ev100 = sum / weight + params.target_offset;
    var ev100 = target_ev100;
    if state.adapted != 0u {
        let rate = select(params.speed_down, params.speed_up, target_ev100 > state.ev);
        let blend = 1.0 - exp(-params.delta_time * rate);
        ev100 = state.ev + (target_ev100 - state.ev) * blend;
    }
    state.ev = ev100;
    state.scale = 1.0 / (1.2 * exp2(ev100));
    state.target_ev = target_ev100;
    state.adapted = 1u;
}
