css:
	npm ci && npm run build:css

.PHONY: css
