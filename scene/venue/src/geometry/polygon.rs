//! Floor polygons in the (x, z) plane: validity, containment, ear-clipping.
//!
//! Points are `Vec2(x, z)`. "Counter-clockwise" means positive signed area with x to the
//! right and z up on paper, so the interior lies left of each edge.

use glam::Vec2;

/// Shortest edge and smallest area a floor may have (1 cm, 1 cm²): below that a polygon
/// is degenerate.
const MIN_EDGE: f32 = 0.01;
const MIN_AREA: f32 = 1e-4;

/// Why a polygon is not a usable floor, and at which corner.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PolygonProblem {
    /// The corner the problem is found at.
    pub vertex: usize,
    /// What is wrong.
    pub message: String,
}

/// The signed area, square metres (positive when counter-clockwise).
pub(crate) fn signed_area(points: &[Vec2]) -> f32 {
    let n = points.len();
    (0..n)
        .map(|i| points[i].perp_dot(points[(i + 1) % n]))
        .sum::<f32>()
        * 0.5
}

/// Checks that the polygon is simple and not degenerate: at least three corners, no
/// edge shorter than 1 cm, a non-zero area, and no two edges crossing or touching except
/// neighbours at their shared corner.
pub(crate) fn check_simple(points: &[Vec2]) -> Result<(), PolygonProblem> {
    let n = points.len();
    if n < 3 {
        return Err(PolygonProblem {
            vertex: 0,
            message: format!("a floor needs at least 3 corners, this one has {n}"),
        });
    }
    for i in 0..n {
        let j = (i + 1) % n;
        if points[i].distance(points[j]) < MIN_EDGE {
            return Err(PolygonProblem {
                vertex: j,
                message: format!("corner {j} repeats corner {i} (an edge of zero length)"),
            });
        }
    }
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        // Neighbouring edges meet at one corner; they must not fold back onto each other.
        let c = points[(i + 2) % n];
        let (ab, bc) = (b - a, c - b);
        if ab.perp_dot(bc).abs() <= 1e-6 * ab.length() * bc.length() && ab.dot(bc) < 0.0 {
            return Err(PolygonProblem {
                vertex: (i + 1) % n,
                message: format!("the floor folds back on itself at corner {}", (i + 1) % n),
            });
        }
        for j in i + 2..n {
            if i == 0 && j == n - 1 {
                continue; // neighbours through the closing edge
            }
            let (c, d) = (points[j], points[(j + 1) % n]);
            if segments_touch(a, b, c, d) {
                return Err(PolygonProblem {
                    vertex: j,
                    message: format!(
                        "edge {j} (corners {j}–{}) crosses edge {i} (corners {i}–{})",
                        (j + 1) % n,
                        (i + 1) % n
                    ),
                });
            }
        }
    }
    if signed_area(points).abs() < MIN_AREA {
        return Err(PolygonProblem {
            vertex: 0,
            message: "the floor has no area (its corners lie on one line)".into(),
        });
    }
    Ok(())
}

/// True when segments ab and cd share a point.
fn segments_touch(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> bool {
    let o1 = orientation(a, b, c);
    let o2 = orientation(a, b, d);
    let o3 = orientation(c, d, a);
    let o4 = orientation(c, d, b);
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        return true;
    }
    (o1 == 0.0 && on_segment(a, b, c))
        || (o2 == 0.0 && on_segment(a, b, d))
        || (o3 == 0.0 && on_segment(c, d, a))
        || (o4 == 0.0 && on_segment(c, d, b))
}

/// The sign of the turn a → b → c, snapped to zero within a tolerance of 0.1 mm.
fn orientation(a: Vec2, b: Vec2, c: Vec2) -> f32 {
    let cross = (b - a).perp_dot(c - a);
    if cross.abs() <= 1e-4 * (b - a).length().max(1e-6) {
        0.0
    } else {
        cross.signum()
    }
}

/// For a collinear point p: whether it lies within the segment's box.
fn on_segment(a: Vec2, b: Vec2, p: Vec2) -> bool {
    p.cmpge(a.min(b) - Vec2::splat(1e-4)).all() && p.cmple(a.max(b) + Vec2::splat(1e-4)).all()
}

/// Whether `p` is inside the polygon (even-odd rule; points on an edge may go either way).
pub(crate) fn contains(points: &[Vec2], p: Vec2) -> bool {
    let n = points.len();
    let mut inside = false;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if p.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

/// Distance from `p` to the nearest edge.
pub(crate) fn distance_to_edges(points: &[Vec2], p: Vec2) -> f32 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
            p.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Whether two simple polygons share floor area (more than a touching edge or corner):
/// their edges cross, or a corner of one lies well inside the other, or both are the
/// same shape.
pub(crate) fn overlap(a: &[Vec2], b: &[Vec2]) -> bool {
    const INSIDE: f32 = 1e-3;
    let proper_crossing = |p: Vec2, q: Vec2, r: Vec2, s: Vec2| {
        let (o1, o2) = (orientation(p, q, r), orientation(p, q, s));
        let (o3, o4) = (orientation(r, s, p), orientation(r, s, q));
        o1 * o2 < 0.0 && o3 * o4 < 0.0
    };
    let edges = |poly: &[Vec2]| {
        let n = poly.len();
        (0..n)
            .map(move |i| (poly[i], poly[(i + 1) % n]))
            .collect::<Vec<_>>()
    };
    let (ea, eb) = (edges(a), edges(b));
    if ea
        .iter()
        .any(|&(p, q)| eb.iter().any(|&(r, s)| proper_crossing(p, q, r, s)))
    {
        return true;
    }
    let deep_inside = |p: Vec2, poly: &[Vec2]| contains(poly, p) && distance_to_edges(poly, p) > INSIDE;
    a.iter().any(|p| deep_inside(*p, b))
        || b.iter().any(|p| deep_inside(*p, a))
        || deep_inside(interior_point(a), b)
        || deep_inside(interior_point(b), a)
        || corner_steps_inside(a, b, &deep_inside)
        || corner_steps_inside(b, a, &deep_inside)
}

/// Whether a corner of `a` that lies on the boundary of `b`, stepped a little into `a`,
/// is well inside `b`: rectangles that overlap along a strip with coinciding edges
/// (x 0–10 and 8–18 over the same z) have no crossing edges and no corner inside the
/// other, but each has a corner on the other's edge from which both extend the same way.
fn corner_steps_inside(a: &[Vec2], b: &[Vec2], deep_inside: &impl Fn(Vec2, &[Vec2]) -> bool) -> bool {
    const STEP: f32 = 0.02;
    let n = a.len();
    (0..n).any(|i| {
        let p = a[i];
        if distance_to_edges(b, p) > 1e-3 {
            return false;
        }
        let (prev, next) = (a[(i + n - 1) % n], a[(i + 1) % n]);
        let bisector = ((prev - p).normalize_or_zero() + (next - p).normalize_or_zero()).normalize_or_zero();
        if bisector == Vec2::ZERO {
            return false;
        }
        // At a reflex corner the bisector of the two edges points out of `a`.
        let inward = if contains(a, p + bisector * STEP) {
            bisector
        } else {
            -bisector
        };
        deep_inside(p + inward * STEP, b)
    })
}

/// Triangulates a simple polygon by ear clipping. Triangles index `points` and are
/// counter-clockwise whatever the polygon's winding.
pub(crate) fn triangulate(points: &[Vec2]) -> Vec<[usize; 3]> {
    let mut ring: Vec<usize> = (0..points.len()).collect();
    if signed_area(points) < 0.0 {
        ring.reverse();
    }
    let mut triangles = Vec::with_capacity(points.len().saturating_sub(2));
    while ring.len() > 3 {
        let m = ring.len();
        let ear = (0..m).find(|&i| is_ear(points, &ring, i)).unwrap_or_else(|| {
            // Only rounding can leave no strict ear: cut the most convex corner.
            (0..m)
                .max_by(|&i, &j| corner_turn(points, &ring, i).total_cmp(&corner_turn(points, &ring, j)))
                .unwrap_or(0)
        });
        let (prev, next) = ((ear + m - 1) % m, (ear + 1) % m);
        if corner_turn(points, &ring, ear) > 0.0 {
            triangles.push([ring[prev], ring[ear], ring[next]]);
        }
        ring.remove(ear);
    }
    if ring.len() == 3 && corner_turn(points, &ring, 1) > 0.0 {
        triangles.push([ring[0], ring[1], ring[2]]);
    }
    triangles
}

/// The cross product at corner `i` of the ring (positive: convex).
fn corner_turn(points: &[Vec2], ring: &[usize], i: usize) -> f32 {
    let m = ring.len();
    let (a, b, c) = (
        points[ring[(i + m - 1) % m]],
        points[ring[i]],
        points[ring[(i + 1) % m]],
    );
    (b - a).perp_dot(c - b)
}

fn is_ear(points: &[Vec2], ring: &[usize], i: usize) -> bool {
    let m = ring.len();
    let (ia, ib, ic) = (ring[(i + m - 1) % m], ring[i], ring[(i + 1) % m]);
    let (a, b, c) = (points[ia], points[ib], points[ic]);
    if (b - a).perp_dot(c - b) <= 0.0 {
        return false;
    }
    ring.iter()
        .filter(|&&k| k != ia && k != ib && k != ic)
        .all(|&k| !in_triangle(points[k], a, b, c))
}

/// Inside or on the counter-clockwise triangle abc.
fn in_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    (b - a).perp_dot(p - a) >= 0.0 && (c - b).perp_dot(p - b) >= 0.0 && (a - c).perp_dot(p - c) >= 0.0
}

/// A point inside the polygon: its centroid when that is inside, else the centroid of
/// its largest triangle.
pub(crate) fn interior_point(points: &[Vec2]) -> Vec2 {
    let area = signed_area(points);
    let n = points.len();
    let mut centroid = Vec2::ZERO;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        centroid += (a + b) * a.perp_dot(b);
    }
    centroid /= 6.0 * area;
    if area.abs() > 0.0 && contains(points, centroid) {
        return centroid;
    }
    triangulate(points)
        .into_iter()
        .map(|[a, b, c]| {
            let (a, b, c) = (points[a], points[b], points[c]);
            ((b - a).perp_dot(c - a), (a + b + c) / 3.0)
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map_or(points.first().copied().unwrap_or(Vec2::ZERO), |(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(points: &[[f32; 2]]) -> Vec<Vec2> {
        points.iter().map(|p| Vec2::from(*p)).collect()
    }

    fn triangulated_area(points: &[Vec2]) -> f32 {
        triangulate(points)
            .iter()
            .map(|&[a, b, c]| 0.5 * (points[b] - points[a]).perp_dot(points[c] - points[a]))
            .sum()
    }

    #[test]
    fn concave_polygons_in_either_winding_triangulate_to_their_area() {
        // An L: 4×4 minus the 2×2 top-right square, area 12.
        let l = v(&[
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 2.0],
            [2.0, 2.0],
            [2.0, 4.0],
            [0.0, 4.0],
        ]);
        assert!(check_simple(&l).is_ok());
        assert!((triangulated_area(&l) - 12.0).abs() < 1e-4);
        assert_eq!(triangulate(&l).len(), 4);
        let mut reversed = l.clone();
        reversed.reverse();
        assert!((triangulated_area(&reversed) - 12.0).abs() < 1e-4);
        assert!((signed_area(&reversed) + 12.0).abs() < 1e-4);
        // Every triangle is counter-clockwise.
        for [a, b, c] in triangulate(&reversed) {
            assert!((reversed[b] - reversed[a]).perp_dot(reversed[c] - reversed[a]) > 0.0);
        }
    }

    #[test]
    fn collinear_corners_are_allowed_and_add_no_area() {
        let square = v(&[[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]);
        assert!(check_simple(&square).is_ok());
        assert!((triangulated_area(&square) - 4.0).abs() < 1e-5);
    }

    #[test]
    fn bow_ties_repeats_and_lines_are_rejected_at_the_right_corner() {
        let bow_tie = v(&[[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0]]);
        assert_eq!(check_simple(&bow_tie).map_err(|p| p.vertex), Err(2));
        let repeat = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]);
        assert_eq!(check_simple(&repeat).map_err(|p| p.vertex), Err(2));
        let line = v(&[[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]);
        assert!(check_simple(&line).is_err());
        let two = v(&[[0.0, 0.0], [1.0, 0.0]]);
        assert!(check_simple(&two).is_err());
        // A corner touching another edge is not simple either.
        let touching = v(&[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [2.0, 0.0], [0.0, 4.0]]);
        assert!(check_simple(&touching).is_err());
    }

    #[test]
    fn neighbours_touch_but_do_not_overlap() {
        let a = v(&[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]]);
        let beside = v(&[[4.0, 1.0], [6.0, 1.0], [6.0, 3.0], [4.0, 3.0]]);
        let across = v(&[[3.0, 1.0], [6.0, 1.0], [6.0, 3.0], [3.0, 3.0]]);
        let inner = v(&[[1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 2.0]]);
        // A plus sign: edges cross, no corner inside the other.
        let bar = v(&[[-1.0, 1.0], [5.0, 1.0], [5.0, 3.0], [-1.0, 3.0]]);
        assert!(!overlap(&a, &beside));
        assert!(overlap(&a, &across));
        assert!(overlap(&a, &inner) && overlap(&inner, &a));
        assert!(overlap(&a, &bar));
        assert!(overlap(&a, &a));
        // Side by side along x, sharing a 2 m strip, edges coinciding: x 0–10 and 8–18.
        let left = v(&[[0.0, 0.0], [10.0, 0.0], [10.0, 5.0], [0.0, 5.0]]);
        let right = v(&[[8.0, 0.0], [18.0, 0.0], [18.0, 5.0], [8.0, 5.0]]);
        assert!(overlap(&left, &right) && overlap(&right, &left));
        // Touching end to end is not overlapping.
        let next = v(&[[10.0, 0.0], [18.0, 0.0], [18.0, 5.0], [10.0, 5.0]]);
        assert!(!overlap(&left, &next) && !overlap(&next, &left));
        // An L-shaped room and a square in its notch touch along two edges.
        let l_shape = v(&[
            [0.0, 0.0],
            [6.0, 0.0],
            [6.0, 3.0],
            [3.0, 3.0],
            [3.0, 6.0],
            [0.0, 6.0],
        ]);
        let notch = v(&[[3.0, 3.0], [6.0, 3.0], [6.0, 6.0], [3.0, 6.0]]);
        assert!(!overlap(&l_shape, &notch) && !overlap(&notch, &l_shape));
    }

    #[test]
    fn containment_and_interior_points() {
        let l = v(&[
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 1.0],
            [1.0, 1.0],
            [1.0, 4.0],
            [0.0, 4.0],
        ]);
        assert!(contains(&l, Vec2::new(0.5, 3.0)));
        assert!(!contains(&l, Vec2::new(3.0, 3.0)));
        assert!(contains(&l, interior_point(&l)));
        assert!((distance_to_edges(&l, Vec2::new(0.5, 2.0)) - 0.5).abs() < 1e-6);
    }
}
