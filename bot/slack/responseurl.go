package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// errResponseURLRefused is the error of a response_url that is not Slack's.
var errResponseURLRefused = errors.New("slack: response_url is not a Slack address")

// checkResponseURL accepts only the response_url addresses Slack itself
// gives: https on slack.com or one of its subdomains (hooks.slack.com), on
// the default port, or the configured api_url's scheme and host (a test's
// fake, a proxy). Anything else, which only a forged or tampered payload
// holds, is refused, so the adapter never posts a reply elsewhere.
func (a *Adapter) checkResponseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Host == "" {
		return fmt.Errorf("%w: cannot parse it", errResponseURLRefused)
	}
	host := strings.ToLower(u.Hostname())
	if u.Scheme == "https" && (u.Port() == "" || u.Port() == "443") &&
		(host == "hooks.slack.com" || host == "slack.com" || strings.HasSuffix(host, ".slack.com")) {
		return nil
	}
	if a.cfg.APIURL != "" {
		if api, err := url.Parse(a.cfg.APIURL); err == nil && u.Scheme == api.Scheme && strings.EqualFold(u.Host, api.Host) {
			return nil
		}
	}
	return fmt.Errorf("%w: host %q", errResponseURLRefused, u.Host)
}
