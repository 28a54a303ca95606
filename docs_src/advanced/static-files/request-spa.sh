curl -i -H 'Accept: text/html' http://127.0.0.1:8000/books/42
curl -i http://127.0.0.1:8000/api/nothing
curl -i http://127.0.0.1:8000/static/%2e%2e%2fmain.ts
