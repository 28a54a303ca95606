curl -X POST http://127.0.0.1:8000/uploads/notes.txt -H 'content-type: text/plain' -d 'Trellis streams this body to disk.'
