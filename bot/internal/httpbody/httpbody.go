// Package httpbody reads request bodies for the adapters' signed endpoints,
// which must see the raw bytes to check a signature.
package httpbody

import (
	"errors"
	"io"
	"net/http"
)

// Read reads r's body, at most max bytes. On failure it has answered the
// request itself (413 for a body over max, 400 otherwise) and returns false.
func Read(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	case err != nil:
		http.Error(w, "cannot read request", http.StatusBadRequest)
		return nil, false
	}
	return body, true
}
