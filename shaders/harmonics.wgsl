#define_import_path museion::harmonics

// Second-order real spherical harmonics: the environment bake projects radiance onto
// them, the shading passes evaluate the irradiance they hold.

// The nine real spherical harmonics of bands 0 to 2 at unit direction d.
fn sh_basis(d: vec3<f32>) -> array<f32, 9> {
    return array<f32, 9>(
        0.282095,
        0.488603 * d.y,
        0.488603 * d.z,
        0.488603 * d.x,
        1.092548 * d.x * d.y,
        1.092548 * d.y * d.z,
        0.315392 * (3.0 * d.z * d.z - 1.0),
        1.092548 * d.x * d.z,
        0.546274 * (d.x * d.x - d.y * d.y),
    );
}
