curl -i http://127.0.0.1:8000/hello -H 'x-api-key: let-me-in'
curl -i http://127.0.0.1:8000/hello
curl -i http://127.0.0.1:8000/nowhere -H 'x-api-key: let-me-in'
