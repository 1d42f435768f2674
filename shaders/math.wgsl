#define_import_path museion::math

// Numbers every shading module needs.

const PI: f32 = 3.14159265358979;

// Rec. 709 luminance of linear sRGB radiance.
fn luminance(rgb: vec3<f32>) -> f32 {
    return dot(rgb, vec3<f32>(0.2126, 0.7152, 0.0722));
}
