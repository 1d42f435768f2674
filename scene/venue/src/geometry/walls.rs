//! Where walls stand: every room edge becomes wall pieces centred on the edge line, and
//! where two rooms share a stretch of edge that stretch is built once, by the room that
//! comes first, reaching from the lower floor to the higher ceiling.

use glam::Vec2;

/// How far apart (metres) two edges may lie and still count as one wall line.
pub(crate) const LINE_TOLERANCE: f32 = 0.01;

/// A room as the wall layout sees it.
#[derive(Clone, Debug)]
pub(crate) struct RoomOutline {
    /// Floor corners `(x, z)` in the file's order (wall `i` runs from corner `i` to `i + 1`).
    pub points: Vec<Vec2>,
    /// Floor height.
    pub elevation: f32,
    /// Ceiling height (elevation plus room height).
    pub top: f32,
}

impl RoomOutline {
    /// Wall `i` as its two ends.
    pub fn edge(&self, i: usize) -> (Vec2, Vec2) {
        (self.points[i], self.points[(i + 1) % self.points.len()])
    }

    /// Whether the room's interior lies left of its edges (counter-clockwise winding).
    pub fn interior_left(&self) -> bool {
        super::polygon::signed_area(&self.points) > 0.0
    }

    /// The unit normal of wall `i` pointing into the room.
    pub fn inward_normal(&self, i: usize) -> Vec2 {
        let (a, b) = self.edge(i);
        let d = (b - a).normalize_or_zero();
        let left = Vec2::new(-d.y, d.x);
        if self.interior_left() { left } else { -left }
    }
}

/// A hole through a wall piece, in the piece's coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Hole {
    /// Start and end along the piece, metres from its start.
    pub u0: f32,
    /// End along the piece.
    pub u1: f32,
    /// Height of the hole's bottom.
    pub bottom: f32,
    /// Height of the hole's top.
    pub top: f32,
}

/// A straight stretch of wall of one height, with the rooms on its two sides.
#[derive(Clone, Debug)]
pub(crate) struct WallPiece {
    /// The room that builds it.
    pub owner: usize,
    /// Start of the centre line.
    pub start: Vec2,
    /// End of the centre line.
    pub end: Vec2,
    /// Bottom (the lowest floor beside it) and top (the highest ceiling).
    pub bottom: f32,
    /// Top of the wall.
    pub top: f32,
    /// The room whose interior lies left of start → end, if any.
    pub left_room: Option<usize>,
    /// The room on the right, if any.
    pub right_room: Option<usize>,
    /// Whether each end reaches half a thickness past its corner (to close the corner
    /// with the wall meeting it) or ends flush against a wall that continues it.
    pub extend_start: bool,
    /// See `extend_start`.
    pub extend_end: bool,
    /// The openings through it.
    pub holes: Vec<Hole>,
}

impl WallPiece {
    /// Unit direction from start to end.
    pub fn direction(&self) -> Vec2 {
        (self.end - self.start).normalize_or_zero()
    }

    /// Length of the centre line.
    pub fn length(&self) -> f32 {
        self.start.distance(self.end)
    }
}

/// A stretch of edge `(room, wall)` that lies on an edge of another room.
struct Overlap {
    u0: f32,
    u1: f32,
    room: usize,
    /// The other room's interior lies left of this edge's direction.
    left: bool,
}

/// The interval of segment `(c, d)` along `(a, b)` when both lie on one line.
pub(crate) fn collinear_overlap(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> Option<(f32, f32)> {
    let length = a.distance(b);
    let dir = (b - a) / length.max(1e-9);
    if dir.perp_dot(c - a).abs() > LINE_TOLERANCE || dir.perp_dot(d - a).abs() > LINE_TOLERANCE {
        return None;
    }
    let (uc, ud) = (dir.dot(c - a), dir.dot(d - a));
    let (u0, u1) = (uc.min(ud).max(0.0), uc.max(ud).min(length));
    (u1 - u0 > LINE_TOLERANCE).then_some((u0, u1))
}

/// Lays out the wall pieces of every room.
pub(crate) fn layout(rooms: &[RoomOutline]) -> Vec<WallPiece> {
    let mut pieces = Vec::new();
    for (r, room) in rooms.iter().enumerate() {
        for i in 0..room.points.len() {
            pieces.extend(edge_pieces(rooms, r, i));
        }
    }
    decide_extensions(&mut pieces);
    pieces
}

fn edge_pieces(rooms: &[RoomOutline], r: usize, i: usize) -> Vec<WallPiece> {
    let room = &rooms[r];
    let (a, b) = room.edge(i);
    let length = a.distance(b);
    let dir = (b - a) / length.max(1e-9);
    let mut overlaps = Vec::new();
    for (s, other) in rooms.iter().enumerate().filter(|(s, _)| *s != r) {
        for j in 0..other.points.len() {
            let (c, d) = other.edge(j);
            if let Some((u0, u1)) = collinear_overlap(a, b, c, d) {
                let same_direction = dir.dot(d - c) > 0.0;
                overlaps.push(Overlap {
                    u0,
                    u1,
                    room: s,
                    left: other.interior_left() == same_direction,
                });
            }
        }
    }
    let mut breaks = vec![0.0, length];
    breaks.extend(overlaps.iter().flat_map(|o| [o.u0, o.u1]));
    breaks.sort_by(f32::total_cmp);
    breaks.dedup_by(|x, y| (*x - *y).abs() < LINE_TOLERANCE);

    let mut pieces: Vec<WallPiece> = Vec::new();
    let mut last_end = None;
    for window in breaks.windows(2) {
        let (u0, u1) = (window[0], window[1]);
        let middle = (u0 + u1) * 0.5;
        let sharing: Vec<&Overlap> = overlaps
            .iter()
            .filter(|o| o.u0 < middle && middle < o.u1)
            .collect();
        if sharing.iter().any(|o| o.room < r) {
            last_end = None;
            continue; // an earlier room builds this stretch
        }
        let (mut bottom, mut top) = (room.elevation, room.top);
        let (mut left_room, mut right_room) = if room.interior_left() {
            (Some(r), None)
        } else {
            (None, Some(r))
        };
        for o in &sharing {
            bottom = bottom.min(rooms[o.room].elevation);
            top = top.max(rooms[o.room].top);
            if o.left {
                left_room = left_room.or(Some(o.room));
            } else {
                right_room = right_room.or(Some(o.room));
            }
        }
        // Merge with the previous stretch when nothing beside the wall changed.
        if let Some(previous) = pieces.last_mut().filter(|_| last_end == Some(u0))
            && previous.bottom == bottom
            && previous.top == top
            && previous.left_room == left_room
            && previous.right_room == right_room
        {
            previous.end = a + dir * u1;
            last_end = Some(u1);
            continue;
        }
        pieces.push(WallPiece {
            owner: r,
            start: a + dir * u0,
            end: a + dir * u1,
            bottom,
            top,
            left_room,
            right_room,
            extend_start: true,
            extend_end: true,
            holes: Vec::new(),
        });
        last_end = Some(u1);
    }
    pieces
}

/// An end that another piece continues in a straight line stops flush; any other end
/// (a corner) reaches half a thickness further, filling the corner.
fn decide_extensions(pieces: &mut [WallPiece]) {
    let ends: Vec<(Vec2, Vec2, Vec2)> = pieces.iter().map(|p| (p.start, p.end, p.direction())).collect();
    for (k, piece) in pieces.iter_mut().enumerate() {
        let dir = piece.direction();
        let continued = |point: Vec2, outward: Vec2| {
            ends.iter().enumerate().any(|(m, &(s, e, d))| {
                m != k
                    && dir.perp_dot(d).abs() < 1e-3
                    && (s.distance(point) < LINE_TOLERANCE || e.distance(point) < LINE_TOLERANCE)
                    && ((s + e) * 0.5 - point).dot(outward) > 0.0
            })
        };
        piece.extend_start = !continued(piece.start, -dir);
        piece.extend_end = !continued(piece.end, dir);
    }
}

/// Cuts an opening `width` wide centred at `centre` (on a wall line running along
/// `direction`) from `bottom` to `top` into every piece on that line it crosses. An
/// opening already cut at the same place (the other room declaring the same door) is
/// not cut twice. Returns how many pieces it cuts.
pub(crate) fn cut_opening(
    pieces: &mut [WallPiece],
    centre: Vec2,
    direction: Vec2,
    width: f32,
    bottom: f32,
    top: f32,
) -> usize {
    let (a, b) = (centre - direction * width * 0.5, centre + direction * width * 0.5);
    let mut cut = 0;
    for piece in pieces.iter_mut() {
        let Some((u0, u1)) = collinear_overlap(piece.start, piece.end, a, b) else {
            continue;
        };
        let hole = Hole { u0, u1, bottom, top };
        let same = |h: &Hole| {
            (h.u0 - hole.u0).abs() < LINE_TOLERANCE
                && (h.u1 - hole.u1).abs() < LINE_TOLERANCE
                && (h.bottom - hole.bottom).abs() < LINE_TOLERANCE
                && (h.top - hole.top).abs() < LINE_TOLERANCE
        };
        if !piece.holes.iter().any(same) {
            piece.holes.push(hole);
        }
        cut += 1;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, z0: f32, x1: f32, z1: f32, elevation: f32, height: f32) -> RoomOutline {
        RoomOutline {
            points: vec![
                Vec2::new(x0, z0),
                Vec2::new(x1, z0),
                Vec2::new(x1, z1),
                Vec2::new(x0, z1),
            ],
            elevation,
            top: elevation + height,
        }
    }

    #[test]
    fn a_shared_wall_is_built_once_with_both_rooms_beside_it() {
        let rooms = [
            rect(0.0, 0.0, 10.0, 8.0, 0.0, 4.0),
            rect(10.0, 0.0, 16.0, 8.0, 0.15, 3.0),
        ];
        let pieces = layout(&rooms);
        // 4 walls of the first room, 3 of the second (its west wall is the shared one).
        assert_eq!(pieces.len(), 7);
        let shared: Vec<&WallPiece> = pieces
            .iter()
            .filter(|p| p.left_room.is_some() && p.right_room.is_some())
            .collect();
        assert_eq!(shared.len(), 1);
        let s = shared[0];
        assert_eq!((s.owner, s.bottom, s.top), (0, 0.0, 4.0));
        assert_eq!(s.start, Vec2::new(10.0, 0.0));
        // The first room's south wall is continued by the second's: flush, not extended.
        let south = pieces
            .iter()
            .find(|p| p.owner == 0 && p.start == Vec2::ZERO)
            .map(|p| (p.extend_start, p.extend_end));
        assert_eq!(south, Some((true, false)));
    }

    #[test]
    fn a_partly_shared_edge_is_split_where_the_neighbour_ends() {
        let rooms = [
            rect(0.0, 0.0, 10.0, 8.0, 0.0, 4.0),
            rect(10.0, 2.0, 14.0, 5.0, 0.0, 4.0),
        ];
        let pieces = layout(&rooms);
        let east: Vec<&WallPiece> = pieces
            .iter()
            .filter(|p| p.owner == 0 && (p.start.x - 10.0).abs() < 1e-6 && (p.end.x - 10.0).abs() < 1e-6)
            .collect();
        assert_eq!(east.len(), 3);
        assert_eq!(
            east.iter()
                .filter(|p| p.right_room == Some(1) || p.left_room == Some(1))
                .count(),
            1
        );
    }

    #[test]
    fn the_same_opening_from_both_sides_is_cut_once() {
        let rooms = [
            rect(0.0, 0.0, 10.0, 8.0, 0.0, 4.0),
            rect(10.0, 0.0, 16.0, 8.0, 0.0, 4.0),
        ];
        let mut pieces = layout(&rooms);
        let centre = Vec2::new(10.0, 4.0);
        assert_eq!(cut_opening(&mut pieces, centre, Vec2::Y, 1.5, 0.0, 2.2), 1);
        assert_eq!(cut_opening(&mut pieces, centre, Vec2::NEG_Y, 1.5, 0.0, 2.2), 1);
        let holes: usize = pieces.iter().map(|p| p.holes.len()).sum();
        assert_eq!(holes, 1);
    }
}
