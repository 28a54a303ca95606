curl -X POST http://127.0.0.1:8000/login -d username=ada -d password=short
curl -X POST http://127.0.0.1:8000/login -d username=ada -d 'password=correct horse'
