package compare

import "github.com/ghperm/ghperm/catalog"

// levels maps permission keys to levels: what is granted, or needed.
type levels map[string]catalog.Level

func (m levels) covers(s catalog.Set) bool { return s.HeldBy(m) }

func (m levels) coversAny(sets []catalog.Set) bool {
	for _, s := range sets {
		if m.covers(s) {
			return true
		}
	}
	return false
}

func (m levels) add(s catalog.Set) {
	for _, g := range s {
		m[g.Key] = max(m[g.Key], g.Level)
	}
}

// newKeyCost makes a new permission cost more than raising the level of
// one already needed: a new key widens what the app can touch.
const newKeyCost = 4

// cost is what adding s to m adds.
func (m levels) cost(s catalog.Set) int {
	c := 0
	for _, g := range s {
		have, ok := m[g.Key]
		switch {
		case !ok || have == catalog.None:
			c += newKeyCost + int(g.Level)
		case g.Level > have:
			c += int(g.Level - have)
		}
	}
	return c
}

func (m levels) clone() levels {
	out := make(levels, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// maxSearch bounds the exhaustive search over alternatives; beyond it the
// choice is greedy, in the order of the requirements.
const maxSearch = 1 << 14

// choose returns the least grants that, added to base, cover one set of
// every alternative list in reqs. A list with one set is forced; among
// the rest, an exhaustive search (or, when there are too many
// combinations, a greedy pass) minimises the cost, preferring earlier
// alternatives on ties. base is not changed.
func choose(base levels, reqs [][]catalog.Set) levels {
	need := base.clone()
	pending := reqs
	for changed := true; changed; {
		changed = false
		var rest [][]catalog.Set
		for _, sets := range pending {
			switch {
			case len(sets) == 0 || need.coversAny(sets):
			case len(sets) == 1:
				need.add(sets[0])
				changed = true
			default:
				rest = append(rest, sets)
			}
		}
		pending = rest
	}
	combos := 1
	for _, sets := range pending {
		combos *= len(sets)
		if combos > maxSearch {
			break
		}
	}
	if combos > maxSearch {
		return greedy(need, pending)
	}
	best, bestCost := need, -1
	var search func(i int, cur levels, cost int)
	search = func(i int, cur levels, cost int) {
		if bestCost >= 0 && cost >= bestCost {
			return
		}
		if i == len(pending) {
			best, bestCost = cur, cost
			return
		}
		if cur.coversAny(pending[i]) {
			search(i+1, cur, cost)
			return
		}
		for _, s := range pending[i] {
			next := cur.clone()
			next.add(s)
			search(i+1, next, cost+cur.cost(s))
		}
	}
	search(0, need, 0)
	return best
}

// greedy covers pending by repeatedly adding the alternative with the
// least cost per requirement it covers.
func greedy(need levels, pending [][]catalog.Set) levels {
	for {
		var best catalog.Set
		bestCost, bestCovers := 0, 0
		for _, sets := range pending {
			if need.coversAny(sets) {
				continue
			}
			for _, s := range sets {
				next := need.clone()
				next.add(s)
				covers := 0
				for _, other := range pending {
					if !need.coversAny(other) && next.coversAny(other) {
						covers++
					}
				}
				// cost/covers < bestCost/bestCovers, without division.
				if cost := need.cost(s); best == nil || cost*bestCovers < bestCost*covers {
					best, bestCost, bestCovers = s, cost, covers
				}
			}
		}
		if best == nil {
			return need
		}
		need.add(best)
	}
}
