//! Geometry of generated architecture: floor polygons, wall layout, wall meshes.

pub(crate) mod builder;
pub(crate) mod polygon;
pub(crate) mod wall_mesh;
pub(crate) mod walls;
