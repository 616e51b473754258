{{/*
Expand the name of the chart.
*/}}
{{- define "prunegcrn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "prunegcrn.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "prunegcrn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "prunegcrn.labels" -}}
helm.sh/chart: {{ include "prunegcrn.chart" . }}
{{ include "prunegcrn.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that name the release (on every object; not a selector by themselves: trainer pods carry them too)
*/}}
{{- define "prunegcrn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "prunegcrn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector of the API pods: the release's labels and component api. Trainer Jobs' pods carry component trainer, so the
Deployment, its Services, the HPA (through the Deployment's selector) and any PDB or NetworkPolicy never count them.
*/}}
{{- define "prunegcrn.apiSelectorLabels" -}}
{{ include "prunegcrn.selectorLabels" . }}
app.kubernetes.io/component: api
{{- end }}

{{/*
Threads for a CPU quantity ("2", 2, "1.5", "500m"): rounded up, at least 1.
*/}}
{{- define "prunegcrn.cpuThreads" -}}
{{- $c := toString . }}
{{- if hasSuffix "m" $c }}
{{- max 1 (div (add (trimSuffix "m" $c | int) 999) 1000) }}
{{- else }}
{{- max 1 (ceil (float64 $c) | int) }}
{{- end }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "prunegcrn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "prunegcrn.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository:tag, tag defaulting to the chart's appVersion.
*/}}
{{- define "prunegcrn.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{/*
Name of the Secret holding the API keys ("" when no API key is configured).
*/}}
{{- define "prunegcrn.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else if or .Values.apiKey .Values.apiKeys }}
{{- include "prunegcrn.fullname" . }}
{{- end }}
{{- end }}

{{/*
Key of the single API key inside that Secret ("" = none: only the list of keys).
*/}}
{{- define "prunegcrn.secretKey" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecretKey }}
{{- else if .Values.apiKey }}
{{- print "api-key" }}
{{- end }}
{{- end }}

{{/*
Key of the comma-separated API keys inside that Secret ("" = none).
*/}}
{{- define "prunegcrn.secretKeysKey" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecretKeysKey }}
{{- else if .Values.apiKeys }}
{{- print "api-keys" }}
{{- end }}
{{- end }}

{{/*
Name of the data PVC.
*/}}
{{- define "prunegcrn.pvcName" -}}
{{- if .Values.persistence.existingClaim }}
{{- .Values.persistence.existingClaim }}
{{- else }}
{{- printf "%s-data" (include "prunegcrn.fullname" .) }}
{{- end }}
{{- end }}

{{/*
True ("true") when training runs as Kubernetes Jobs; checks the settings that mode needs.
*/}}
{{- define "prunegcrn.kubernetesRunner" -}}
{{- if eq .Values.training.runner "kubernetes" }}
{{- if not .Values.persistence.enabled }}
{{- fail "training.runner=kubernetes needs persistence.enabled: trainer Jobs and API replicas share the data volume" }}
{{- end }}
{{- print "true" }}
{{- else if .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled needs training.runner=kubernetes: with in-process training the API is a single writer" }}
{{- end }}
{{- end }}

{{/*
Image of the trainer Jobs: training.image, defaulting to the service's.
*/}}
{{- define "prunegcrn.trainerImage" -}}
{{- $repo := default .Values.image.repository .Values.training.image.repository }}
{{- $tag := default (default .Chart.AppVersion .Values.image.tag) .Values.training.image.tag }}
{{- printf "%s:%s" $repo ($tag | toString) }}
{{- end }}
