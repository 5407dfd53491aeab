package catalog

import "fmt"

// Basis is the fact a Requirement rests on (Requirement.Basis), with
// the evidence in Requirement.Evidence. Every operation of api.github.com
// gets one of these for every token kind, so that the statistics of
// `ghperm catalog` account for all of them.
type Basis uint8

const (
	// BasisNone: no basis stated (a requirement made by hand, as in
	// tests); Known.
	BasisNone Basis = iota
	// BasisPermissions: GitHub's permission data lists the operation
	// with the permissions in Sets.
	BasisPermissions
	// BasisCurated: the permission data lists the operation under several
	// permissions; the alternative sets come from the curated table
	// (upstream/permission-sets.tsv).
	BasisCurated
	// BasisCuratedRequirement: GitHub's docs data does not list the
	// operation for this token kind, and a row of
	// upstream/curated-requirements.tsv gives the sets, with the evidence
	// in Requirement.Evidence (release asset uploads, served on
	// uploads.github.com, which the docs data leaves out).
	BasisCuratedRequirement
	// BasisFromFineGrained: user access tokens only. GitHub's user-token
	// list does not name the operation, but its fine-grained data does,
	// and GitHub lists an operation for fine-grained tokens only when user
	// access tokens can call it; the permissions are the fine-grained ones.
	BasisFromFineGrained
	// BasisNoPermission: GitHub's list of endpoints for this token kind
	// has the operation and no permission is listed for it.
	BasisNoPermission
	// BasisAppJWT: the description says the app's JWT must be used.
	BasisAppJWT
	// BasisDescription: a sentence of the description says this token
	// kind cannot call the operation (upstream/token-statements.tsv).
	BasisDescription
	// BasisDescribedUsable: the docs lists do not have the operation, but
	// its description lists this token kind among those that call it
	// ("This endpoint works with the following fine-grained token
	// types"), with a permission the vocabulary lacks ("Agent tasks"): the
	// requirement is usable but not Known. A curated row (sets "?") gives
	// the same where GitHub's REST reference data names such a permission
	// ("Enterprise credentials"); Requirement.Evidence quotes it.
	BasisDescribedUsable
	// BasisUserOnly: the docs list the operation for user access tokens
	// but not for installation access tokens.
	BasisUserOnly
	// BasisInstallationOnly: the docs list the operation for installation
	// access tokens but not for user access tokens.
	BasisInstallationOnly
	// BasisNotForApps: OpenAPI x-github.enabledForGitHubApps is false and
	// GitHub's docs list the operation for neither app token kind (the
	// lists, which name the token kind, take precedence).
	BasisNotForApps
	// BasisNotListed: the operation is on api.github.com and enabled for
	// GitHub Apps, but GitHub's docs list it for no token kind (likely
	// new or preview endpoints, newer than the docs data). Absence of
	// evidence is no verdict: the requirement is unknown (not Known).
	BasisNotListed
	// BasisListedOnly: GitHub's list of endpoints for fine-grained tokens
	// has the operation, so fine-grained tokens (and user access tokens,
	// which that list implies) can call it, but the permission data (an
	// older commit) does not say which permission it needs. GitHub lists only endpoints with a permission there, so
	// "nothing" would be wrong: the requirement is usable but not Known.
	BasisListedOnly
	// BasisNotFineGrained: GitHub lists the operation for app tokens, but
	// its list of endpoints for fine-grained tokens leaves it out (the
	// operation is disabled for them, or all its permissions are).
	BasisNotFineGrained
	// BasisPlanPermissions: an operation api.github.com does not have;
	// GitHub's GHEC (or GHES) permission data lists it for this token kind with the
	// permission in Sets (Requirement.Evidence says where).
	BasisPlanPermissions
	// BasisPlanSetsUnknown: as BasisPlanPermissions, but the data lists
	// several permissions (or flags additional ones), and no curated sets
	// say whether all or any of them are needed: usable, not Known.
	BasisPlanSetsUnknown
	// BasisPlanNoPermission: an operation api.github.com does not have;
	// GitHub's GHEC list of endpoints for installation tokens has it, and
	// its permission data lists no permission for it.
	BasisPlanNoPermission
	// BasisPlanListedOnly: an operation api.github.com does not have;
	// GitHub's GHES endpoint list for installation tokens has it, but the
	// GHES permission data is not transcribed in full: usable, permission
	// unknown (not Known).
	BasisPlanListedOnly
	// BasisUnknown: GitHub's data says nothing about this token kind for
	// the operation (fine-grained tokens without permission entries,
	// operations that exist only on GHEC or GHES).
	BasisUnknown
	// BasisNotAppJWT: the app's JWT cannot call the operation (its
	// description does not say that it takes one).
	BasisNotAppJWT
	// BasisScopes: OAuth requirement, see Operation.Scopes.
	BasisScopes
	// BasisDeclared: the code's author declared the requirement with a
	// //ghperm:needs directive, for a call ghperm cannot resolve (see
	// Declared).
	BasisDeclared
)

var basisNames = [...]string{
	BasisNone:               "",
	BasisPermissions:        "permissions data",
	BasisCurated:            "curated permission sets",
	BasisCuratedRequirement: "curated requirement (evidence)",
	BasisFromFineGrained:    "fine-grained data (implies user access tokens)",
	BasisNoPermission:       "endpoint list, no permission",
	BasisAppJWT:             "app JWT only (description)",
	BasisDescription:        "not supported (description)",
	BasisDescribedUsable:    "usable (description), permission not in the vocabulary",
	BasisUserOnly:           "user access tokens only (docs endpoint lists)",
	BasisInstallationOnly:   "installation access tokens only (docs endpoint lists)",
	BasisNotForApps:         "not enabled for GitHub Apps (x-github)",
	BasisNotListed:          "not in GitHub's endpoint lists",
	BasisListedOnly:         "endpoint list, permission not in the data",
	BasisNotFineGrained:     "not in GitHub's fine-grained endpoint list",
	BasisPlanPermissions:    "GHEC/GHES permission data",
	BasisPlanSetsUnknown:    "GHEC/GHES permission data, several permissions (sets not known)",
	BasisPlanNoPermission:   "GHEC/GHES endpoint list, no permission",
	BasisPlanListedOnly:     "GHES endpoint list, permission not transcribed",
	BasisUnknown:            "unknown",
	BasisNotAppJWT:          "not an app JWT endpoint",
	BasisScopes:             "scopes",
	BasisDeclared:           "declared",
}

func (b Basis) String() string {
	if int(b) < len(basisNames) {
		return basisNames[b]
	}
	return fmt.Sprintf("Basis(%d)", b)
}
