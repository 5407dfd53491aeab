// Package compare compares what the code needs with what the app is
// granted.
//
// The needs are the REST operations the code calls (from the analyzer),
// each with its call sites; the grants are what package manifest read
// (an app manifest, a workflow's permissions: block, OAuth scopes) and the
// kind of token the code uses. [Compare] reports, by category:
//
//   - missing-grant: a call whose operation no granted alternative
//     satisfies (a requirement is satisfied when every permission of one
//     alternative set is granted at or above its level; metadata: read is
//     always granted), or a subscribed webhook event without the
//     permission it needs;
//   - excess-grant: a grant above what the least-privilege choice among
//     the granted alternatives needs, counting the permissions subscribed
//     events need and the grants kept with a reason (allow);
//   - unusable-endpoint: an operation the token kind cannot call at all;
//   - unknown-requirement: an operation for which GitHub's data does not
//     say what the token kind needs.
//
// [LeastPrivilege] computes the grants the `needs` command prints.
package compare
