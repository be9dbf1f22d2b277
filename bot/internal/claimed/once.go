package claimed

import "context"

// Once runs do unless key is claimed already (done, or being done by
// another process): a click or vote delivered twice is handled once. It
// reports whether do ran. The claim is done when do succeeds and released
// when it fails, so that a retry may try again.
func (e *Events) Once(ctx context.Context, key string, do func(context.Context) error) (ran bool, err error) {
	if !e.Take(ctx, key) {
		return false, nil
	}
	if err := do(ctx); err != nil {
		e.Release(key)
		return true, err
	}
	e.Finish(ctx, key)
	return true, nil
}
