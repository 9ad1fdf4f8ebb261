// schemagen lists the JSON shape of the Go types declared in one directory of Go
// files: for each named type, its JSON fields (name, Go field name, type expression,
// whether it is promoted from an embedded struct) or what it aliases, and whether the
// type decodes itself (has an UnmarshalJSON method).
//
// Used at development time only (tools/gen_schema.py) to write schema.json from
// eksctl's pkg/apis/eksctl.io/v1alpha5 at each release.
package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strings"
)

type field struct {
	JSON   string `json:"json"`
	Go     string `json:"go"`
	Type   string `json:"type"`
	Inline bool   `json:"inline,omitempty"`
}

type typ struct {
	Kind   string  `json:"kind"` // struct | other
	Type   string  `json:"type,omitempty"`
	Fields []field `json:"fields,omitempty"`
	Custom bool    `json:"custom,omitempty"`
}

func expr(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, fset, e)
	return strings.ReplaceAll(b.String(), "interface{}", "any")
}

func main() {
	dir := os.Args[1]
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		panic(err)
	}
	out := map[string]*typ{}
	custom := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == "UnmarshalJSON" {
					r := fd.Recv.List[0].Type
					if s, ok := r.(*ast.StarExpr); ok {
						r = s.X
					}
					if id, ok := r.(*ast.Ident); ok {
						custom[id.Name] = true
					}
				}
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.TYPE {
					continue
				}
				for _, s := range gd.Specs {
					ts := s.(*ast.TypeSpec)
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						out[ts.Name.Name] = &typ{Kind: "other", Type: expr(fset, ts.Type)}
						continue
					}
					t := &typ{Kind: "struct"}
					for _, fl := range st.Fields.List {
						tag := ""
						if fl.Tag != nil {
							tag = reflect.StructTag(strings.Trim(fl.Tag.Value, "`")).Get("json")
						}
						name := strings.Split(tag, ",")[0]
						if name == "-" && tag == "-" {
							continue
						}
						te := expr(fset, fl.Type)
						if len(fl.Names) == 0 {
							// embedded
							base := strings.TrimPrefix(te, "*")
							short := base[strings.LastIndex(base, ".")+1:]
							if !ast.IsExported(short) {
								continue
							}
							if name == "" {
								t.Fields = append(t.Fields, field{JSON: "", Go: short, Type: te, Inline: true})
							} else {
								t.Fields = append(t.Fields, field{JSON: name, Go: short, Type: te})
							}
							continue
						}
						for _, n := range fl.Names {
							if !n.IsExported() {
								continue
							}
							jn := name
							if jn == "" {
								jn = n.Name
							}
							t.Fields = append(t.Fields, field{JSON: jn, Go: n.Name, Type: te})
						}
					}
					out[ts.Name.Name] = t
				}
			}
		}
	}
	for n := range custom {
		if t, ok := out[n]; ok {
			t.Custom = true
		}
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	res := map[string]*typ{}
	for _, k := range keys {
		res[k] = out[k]
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	_ = enc.Encode(res)
}
