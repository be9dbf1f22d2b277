package intents

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// MaxFileSize is the largest file a knowledge folder may hold, in bytes.
// A topic needs a few kilobytes.
const MaxFileSize = 1 << 20

// maxLinks is how many symbolic links one path may go through, as os.Root.
const maxLinks = 8

// Dir returns the knowledge folder at dir as a file system that cannot
// leave it: like os.DirFS, but every name and every symbolic link is
// resolved inside dir (with os.Root), so a link to a file elsewhere, or a
// name changed into such a link while the folder is read, fails instead of
// reading outside. Files are opened without waiting on a named pipe. Each
// call opens dir anew, so a folder replaced on disk (a symlink switched to
// a new release) is seen at the next load.
func Dir(dir string) fs.FS {
	return rootFS(dir)
}

type rootFS string

func (d rootFS) do(op, name string, f func(r *os.Root) error) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return err
	}
	defer r.Close()
	return f(r)
}

// Open opens name for reading. O_NONBLOCK keeps the open of a named pipe
// from waiting for a writer; it changes nothing for regular files.
func (d rootFS) Open(name string) (fs.File, error) {
	var f *os.File
	err := d.do("open", name, func(r *os.Root) (err error) {
		f, err = r.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Stat returns the file info of name, following links inside the folder.
func (d rootFS) Stat(name string) (fs.FileInfo, error) {
	var info fs.FileInfo
	err := d.do("stat", name, func(r *os.Root) (err error) {
		info, err = r.Stat(name)
		return err
	})
	return info, err
}

// Lstat returns the file info of name without following a final link.
func (d rootFS) Lstat(name string) (fs.FileInfo, error) {
	var info fs.FileInfo
	err := d.do("lstat", name, func(r *os.Root) (err error) {
		info, err = r.Lstat(name)
		return err
	})
	return info, err
}

// ReadLink returns the target of the link name.
func (d rootFS) ReadLink(name string) (string, error) {
	var target string
	err := d.do("readlink", name, func(r *os.Root) (err error) {
		target, err = r.Readlink(name)
		return err
	})
	return target, err
}

// fileError is why a file of the folder is refused; its text is the
// problem shown for the file.
type fileError struct{ msg string }

func (e *fileError) Error() string { return e.msg }

var (
	errOutside  = &fileError{"symlink points outside the knowledge folder"}
	errLinkLoop = &fileError{"too many levels of symbolic links"}
)

func tooLarge(size int64) error {
	if size < 0 {
		return &fileError{"the file is larger than 1 MiB: split it into smaller topics"}
	}
	return &fileError{fmt.Sprintf("the file is larger than 1 MiB (%d bytes): split it into smaller topics", size)}
}

// resolve follows the symbolic links of name, a path in fsys, and returns
// the path they lead to with its file info. It fails with errOutside when a
// link is absolute or climbs out of the folder, whether or not fsys would
// follow it; file systems without links (embed.FS) resolve to name.
func resolve(fsys fs.FS, name string) (string, fs.FileInfo, error) {
	done, rest := ".", name
	var info fs.FileInfo
	links := 0
	for rest != "" {
		var elem string
		elem, rest, _ = strings.Cut(rest, "/")
		switch elem {
		case "", ".":
			continue
		case "..":
			if done == "." {
				return "", nil, errOutside
			}
			done, info = path.Dir(done), nil
			continue
		}
		next := path.Join(done, elem)
		st, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", nil, err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			done, info = next, st
			continue
		}
		if links++; links > maxLinks {
			return "", nil, errLinkLoop
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", nil, err
		}
		if target == "" || path.IsAbs(target) || filepath.IsAbs(target) || filepath.VolumeName(target) != "" {
			return "", nil, errOutside
		}
		target = filepath.ToSlash(target)
		if rest != "" {
			target += "/" + rest
		}
		rest = target
	}
	if info == nil {
		st, err := fs.Stat(fsys, done)
		if err != nil {
			return "", nil, err
		}
		info = st
	}
	return done, info, nil
}

// checkRegular refuses anything but a regular file of at most MaxFileSize.
func checkRegular(info fs.FileInfo) error {
	mode := info.Mode()
	if !mode.IsRegular() {
		return &fileError{fmt.Sprintf("not a regular file (%s): only files and links to files in the folder are read", kindOf(mode))}
	}
	if info.Size() > MaxFileSize {
		return tooLarge(info.Size())
	}
	return nil
}

func kindOf(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	default:
		return "a special file"
	}
}

// readFile reads name with every check of the loader: links must stay in
// the folder, the file must be a regular file of at most MaxFileSize (also
// when it grows or changes while it is read), and nothing else is opened.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	real, info, err := resolve(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(real)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := checkRegular(info); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(-1)
	}
	return data, nil
}

// ReadFile reads one file of a knowledge folder with the checks Parse makes
// of every file: a symbolic link must resolve inside the folder, the file
// must be a regular file (no named pipe, device or socket), and at most
// MaxFileSize bytes. Use it for the folder's other files, such as TestsFile.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	data, err := readFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}
