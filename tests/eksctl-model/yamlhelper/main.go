// The eksctl model's YAML reader: the same libraries eksctl reads its config with
// (sigs.k8s.io/yaml over go-yaml v2, i.e. YAML 1.1), from Debian's packages.
//
//	yamlhelper yaml2json < config.yaml   → {"strict_error": ..., "error": ..., "json": ...}
//	yamlhelper json2yaml < tree.json     → YAML as eksctl prints a ClusterConfig
//
// yaml2json reports what eksctl's two decodes see (pkg/eks/api.go ParseConfig @0.230.0):
// strict_error is the error of the strict conversion (duplicate keys, syntax), which
// sigs.k8s.io/yaml.UnmarshalStrict reports as "error converting YAML to JSON: <it>";
// json is the untyped conversion runtime.Decode works from (YAMLToJSON).
package main

import (
	"encoding/json"
	"io"
	"os"

	"sigs.k8s.io/yaml"
)

type result struct {
	StrictError *string         `json:"strict_error"`
	Error       *string         `json:"error"`
	JSON        json.RawMessage `json:"json"`
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	switch os.Args[1] {
	case "yaml2json":
		var r result
		if _, err := yaml.YAMLToJSONStrict(in); err != nil {
			s := err.Error()
			r.StrictError = &s
		}
		j, err := yaml.YAMLToJSON(in)
		if err != nil {
			s := err.Error()
			r.Error = &s
			r.JSON = json.RawMessage("null")
		} else {
			r.JSON = json.RawMessage(j)
		}
		out, _ := json.Marshal(r)
		os.Stdout.Write(out)
	case "json2yaml":
		y, err := yaml.JSONToYAML(in)
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(1)
		}
		os.Stdout.Write(y)
	default:
		os.Exit(2)
	}
}
