// Package knowledge ships the default knowledge folder inside the binary.
// Admins edit the Markdown and YAML files here (or in a folder of their own,
// passed with --knowledge); see README.md in this folder.
package knowledge

import "embed"

// FS is the default knowledge folder, embedded at build time.
//
//go:embed *
var FS embed.FS
