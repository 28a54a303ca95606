curl 'http://127.0.0.1:8000/items?limit=10&tags=new&tags=sale'
curl 'http://127.0.0.1:8000/items?limit=10&tool=plumbus'
