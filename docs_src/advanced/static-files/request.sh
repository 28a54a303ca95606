curl -i http://127.0.0.1:8000/static/hello.txt
curl -i -H 'Range: bytes=0-4' http://127.0.0.1:8000/static/hello.txt
