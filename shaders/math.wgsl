#define_import_path museion::math

// Numbers every shading module needs.

const PI: f32 = 3.14159265358979;
