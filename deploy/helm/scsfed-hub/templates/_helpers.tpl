{{- define "scsfed-hub.name" -}}{{ .Release.Name }}-scsfed-hub{{- end -}}
{{- define "scsfed-hub.labels" -}}
app.kubernetes.io/name: scsfed-hub
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
