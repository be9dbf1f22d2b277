package intents

import (
	"net/url"
	"strings"
)

// Link is a resource an answer points to, from the "links" front-matter
// key: a title and an https address.
type Link struct {
	Title string
	URL   string
	// Line is where the link is defined in its file.
	Line int
}

// links reads the "links" key: a list of entries with a title and an
// https url.
func (l *loader) links(p string, v frontValue) ([]Link, bool) {
	recs, ok := l.records(p, v, "title", "url")
	var out []Link
	for _, r := range recs {
		link := Link{Line: r.line}
		title, hasTitle := r.pairs["title"]
		addr, hasURL := r.pairs["url"]
		if !hasTitle || !hasURL {
			l.add(p, r.line, Error, "a link needs both a title and a url")
			ok = false
			continue
		}
		var good bool
		if link.Title, good = l.text(p, title); !good {
			ok = false
			continue
		}
		if link.URL, good = l.text(p, addr); !good {
			ok = false
			continue
		}
		link.Title, link.URL = strings.TrimSpace(link.Title), strings.TrimSpace(link.URL)
		if link.Title == "" {
			l.add(p, title.line, Error, "link title is empty")
			ok = false
			continue
		}
		if msg := checkLinkURL(link.URL); msg != "" {
			l.add(p, addr.line, Error, "link url %q %s", link.URL, msg)
			ok = false
			continue
		}
		out = append(out, link)
	}
	return out, ok
}

// checkLinkURL says what is wrong with a link's address, or "" when it is
// an absolute https address with a host.
func checkLinkURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || s == "":
		return "is not an address"
	case u.Scheme != "https":
		return "must start with https://"
	case u.Host == "" || u.User != nil:
		return "needs a host, and no user or password"
	case strings.ContainsAny(s, " \t\n<>\"`"):
		return "must not hold spaces or quotes"
	}
	return ""
}
