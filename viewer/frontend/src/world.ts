// The map's world coordinates. The server sends positions in 0..1 with y up; deck.gl draws
// in world units with y down. One box side is S units: x * S, (1 - y) * S.
export const S = 1000;
